using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli;

public class RunCommandTests
{
    [Theory]
    [InlineData("run")]
    [InlineData(null)] // run is the default command
    public void Run_WithBrokenConfig_RefusesToStartWithTheProblemLinesOfCheckConfig(string? command)
    {
        using var folder = TempFolder.WithBrokenCalendar();
        var check = CliHarness.Run("check-config", "--config", folder.Path);

        var run = CliHarness.Run([.. command is null ? Array.Empty<string>() : [command], "--config", folder.Path, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(1, run.ExitCode);
        var problem = Assert.Single(check.OutLines);
        Assert.Contains(problem, run.ErrorLines);
        Assert.Contains("not starting", run.Error);
    }

    [Fact]
    public void Run_WithMissingConfigFolder_IsBadInput()
    {
        var run = CliHarness.Run("run", "--config", "/no/such/slatimers-config");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--config: the folder '/no/such/slatimers-config' does not exist", run.Error);
    }

    [Fact]
    public void Run_WithAnInvalidSetting_RefusesToStartNamingTheSetting()
    {
        using var config = TempFolder.WithRealConfig();

        var run = CliHarness.Run("run", "--config", config.Path, "--urls", "http://127.0.0.1:0", "--Storage:Provider=mysql");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("slatimers: Storage:Provider is 'mysql': use 'sqlite' or 'postgres'.", run.ErrorLines);
        Assert.Contains("not starting", run.Error);
    }

    [Fact]
    public void Run_WithAnInvalidHangfireSetting_RefusesToStart()
    {
        using var config = TempFolder.WithRealConfig();
        using var root = new TempFolder();

        var run = CliHarness.RunIn(root.Path, root.Path, "", "run", "--config", config.Path, "--urls", "http://127.0.0.1:0", "--Hangfire:WorkerCount=0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("slatimers: ") && l.Contains("WorkerCount"));
    }
}
