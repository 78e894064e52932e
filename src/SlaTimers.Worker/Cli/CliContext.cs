using System.Text;
using NodaTime;

namespace SlaTimers.Worker.Cli;

/// <summary>
/// What a command may touch of the outside world: the three standard streams, the clock, and the folders
/// that decide the default config folder. Tests hand in writers, a fake clock and temp folders.
/// </summary>
public sealed record CliContext(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    IClock Clock,
    string CurrentDirectory,
    string BaseDirectory)
{
    /// <summary>True when <see cref="Out"/> is a terminal: tables may then use colour.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>The process's console. Standard input gets a large buffer because batches stream through it.</summary>
    public static CliContext ForConsole(IClock clock) => new(
        Console.IsInputRedirected
            ? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), false, 1 << 16)
            : Console.In,
        Console.Out,
        Console.Error,
        clock,
        Environment.CurrentDirectory,
        AppContext.BaseDirectory)
    {
        OutIsTerminal = !Console.IsOutputRedirected,
    };
}
