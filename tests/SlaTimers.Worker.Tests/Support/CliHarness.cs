using NodaTime;
using NodaTime.Testing;
using SlaTimers.Worker.Cli;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>What one in-process run of the command line printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Lines(Out);

    public string[] ErrorLines => Lines(Error);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs <c>slatimers</c> in-process with captured streams, a fake clock (2026-11-26 12:00 UTC) and a
/// current folder outside the repository, so only an explicit <c>--config</c> finds configuration.
/// </summary>
public static class CliHarness
{
    public static Instant Now { get; } = Instant.FromUtc(2026, 11, 26, 12, 0);

    public static CliResult Run(params string[] args) => RunWithInput("", args);

    public static CliResult RunWithInput(string stdin, params string[] args) =>
        RunIn(TestPaths.Neutral, TestPaths.Neutral, stdin, args);

    public static CliResult RunIn(string currentDirectory, string baseDirectory, string stdin, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var context = new CliContext(new StringReader(stdin), stdout, stderr, new FakeClock(Now), currentDirectory, baseDirectory);
        var exitCode = SlaTimersCli.RunAsync(args, context).GetAwaiter().GetResult();
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
