using SlaTimers.Testing.Processes;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>The built <c>slatimers</c> executable as a real process: streams, exit codes, signals.</summary>
public class ExecutableTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string Dll => WorkerProcess.BesideThisApp;

    [Fact]
    public async Task Run_WithGoodConfig_LogsWhatItLoadedAndStopsGracefullyOnSigterm()
    {
        using var config = TempFolder.WithRealConfig();
        // --urls is not an option of ours: it goes to the host's configuration and must not break 'run'.
        await using var worker = WorkerProcess.Start("run", Dll, TestPaths.Neutral, ["run", "--config", config.Path, "--urls", "http://127.0.0.1:0"]);

        Assert.True(await worker.WaitForOutputAsync(Timeout, "Loaded ", "calendars from " + config.Path, "Calendar nl-servicedesk: zone Europe/Amsterdam", "Application started"),
            worker.ToString());

        worker.Terminate();
        Assert.True(await worker.WaitForExitAsync(Timeout), worker.ToString());
        Assert.True(worker.ExitCode == 0, worker.ToString());
    }

    [Fact]
    public async Task Run_WithBrokenConfig_ExitsWith1AndTheSameProblemLinesAsCheckConfig()
    {
        using var config = TempFolder.WithBrokenCalendar();

        await using var check = await WorkerProcess.RunAsync("check-config", Dll, TestPaths.Neutral, "", ["check-config", "--config", config.Path]);
        await using var run = await WorkerProcess.RunAsync("run", Dll, TestPaths.Neutral, "", ["--config", config.Path]);

        Assert.Equal(1, check.ExitCode);
        Assert.True(run.ExitCode == 1, run.ToString());
        var problems = check.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var problem = Assert.Single(problems);
        Assert.StartsWith("calendars/broken.json: $.timeZone: ", problem);
        Assert.Contains(problem, run.StandardError.Split('\n'));
    }

    [Fact]
    public async Task DeadlineBatch_ThroughRealStandardStreams_AnswersEveryLineInOrder()
    {
        // 24x7: start + duration. nl-servicedesk: see DeadlineCommandTests (Christmas Eve 16:30Z + 2h -> 31 Dec 10:00Z).
        const string input = """
            {"id":1,"calendar":"24x7","start":"2026-12-24T16:30:00Z","duration":"PT2H"}
            {"id":2,"calendar":"nl-servicedesk","start":"2026-12-24T16:30:00Z","duration":"PT2H"}
            {"id":3,"calendar":"unknown","start":"2026-12-24T16:30:00Z","duration":"PT2H"}
            {"id":4,"calendar":"24x7","from":"2026-12-24T00:00:00Z","to":"2026-12-24T09:00:00Z"}
            """;

        await using var batch = await WorkerProcess.RunAsync("deadline", Dll, TestPaths.Neutral, input, ["deadline", "--batch", "--config", TestPaths.RealConfig]);

        Assert.True(batch.ExitCode == 0, batch.ToString());
        var lines = batch.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"id":1,"deadline":"2026-12-24T18:30:00Z"}""", lines[0]);
        Assert.Equal("""{"id":2,"deadline":"2026-12-31T10:00:00Z"}""", lines[1]);
        Assert.StartsWith("""{"id":3,"error":"unknown calendar 'unknown'""", lines[2]);
        Assert.Equal("""{"id":4,"elapsedSeconds":32400}""", lines[3]);
    }

    [Fact]
    public async Task CheckConfig_FromInsideTheRepository_FindsItsConfigFolder()
    {
        await using var check = await WorkerProcess.RunAsync("check-config", Dll, Path.Combine(TestPaths.RepositoryRoot, "src"), "", ["check-config"]);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.StartsWith("OK: ", check.StandardOutput);
    }
}
