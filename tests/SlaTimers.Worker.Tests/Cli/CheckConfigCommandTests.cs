using NodaTime.Testing;
using SlaTimers.Worker.Cli;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli;

public class CheckConfigCommandTests
{
    [Fact]
    public void CheckConfig_OnTheRealConfig_SaysOkWithEveryId()
    {
        var result = CliHarness.Run("check-config", "--config", TestPaths.RealConfig);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.OutLines);
        Assert.StartsWith("OK: ", line);
        Assert.Contains("nl-servicedesk", line);
        Assert.Contains("24x7", line);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Run_TheSimpleEntryPoint_WritesToTheGivenStreams()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exitCode = SlaTimersCli.Run(["check-config", "--config", TestPaths.RealConfig], TextReader.Null, stdout, stderr, new FakeClock(CliHarness.Now));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("OK: ", stdout.ToString());
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void CheckConfig_OnABrokenCalendar_PrintsTheProblemLineAndExits1()
    {
        using var folder = TempFolder.WithBrokenCalendar();

        var result = CliHarness.Run("check-config", "--config", folder.Path);

        Assert.Equal(1, result.ExitCode);
        var problem = Assert.Single(result.OutLines);
        Assert.StartsWith("calendars/broken.json: $.timeZone: ", problem);
        Assert.Contains("Mars/Olympus_Mons", problem);
        Assert.Contains("1 problem(s)", result.Error);
    }

    [Fact]
    public void CheckConfig_WithoutConfigOption_FindsConfigOfTheRepositoryAroundTheCurrentFolder()
    {
        // A fake clone: SlaTimers.sln at the root, config/ beside it, and the command run from a subfolder.
        using var clone = TempFolder.WithRealConfig("config");
        clone.Write("SlaTimers.sln", "");
        var subfolder = Directory.CreateDirectory(clone.Combine("src", "deeper")).FullName;

        var result = CliHarness.RunIn(subfolder, TestPaths.Neutral, "", "check-config");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("OK: ", result.Out);
    }

    [Fact]
    public void CheckConfig_WithNoConfigAnywhere_ExitsWithAConfigProblem()
    {
        var result = CliHarness.Run("check-config");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No config folder found", result.Error);
        Assert.Contains("--config", result.Error);
    }
}
