using System.Diagnostics.CodeAnalysis;
using SlaTimers.Configuration;
using SlaTimers.Core.Calendars;
using SlaTimers.Worker.Configuration;

namespace SlaTimers.Worker.Cli;

/// <summary>
/// Finds and loads the config folder for a command. A problem is printed as <c>file: $.path: message</c>,
/// one a line: check-config, run and every other command print exactly the same lines.
/// </summary>
public static class ConfigLoading
{
    /// <summary>
    /// Resolves <c>--config</c> and loads it. On failure prints why (problem lines to
    /// <paramref name="problemOutput"/>, everything else to standard error) and gives the exit code.
    /// </summary>
    public static bool TryLoad(
        CliContext context,
        string? explicitDirectory,
        TextWriter problemOutput,
        [NotNullWhen(true)] out SlaConfiguration? configuration,
        out int exitCode)
    {
        configuration = null;
        if (!TryResolve(context, explicitDirectory, out var directory, out exitCode)) return false;

        var result = WorkerConfigLoader.Load(directory);
        if (!result.IsValid)
        {
            WriteProblems(context, directory, result.Problems, problemOutput);
            exitCode = ExitCodes.ConfigProblems;
            return false;
        }
        configuration = result.Configuration!;
        exitCode = ExitCodes.Ok;
        return true;
    }

    /// <summary>Resolves <c>--config</c>; a named folder that is missing is bad input, no folder at all a config problem.</summary>
    public static bool TryResolve(CliContext context, string? explicitDirectory, [NotNullWhen(true)] out string? directory, out int exitCode)
    {
        var resolution = ConfigDirectory.Resolve(explicitDirectory, context.CurrentDirectory, context.BaseDirectory);
        directory = resolution.Path;
        if (directory is not null)
        {
            exitCode = ExitCodes.Ok;
            return true;
        }
        context.Error.WriteLine($"slatimers: {resolution.Error}");
        exitCode = resolution.IsExplicit ? ExitCodes.BadInput : ExitCodes.ConfigProblems;
        return false;
    }

    /// <summary>Every problem on its own line, then (on standard error) how many and where.</summary>
    public static void WriteProblems(CliContext context, string directory, IReadOnlyCollection<ConfigProblem> problems, TextWriter problemOutput)
    {
        foreach (var problem in problems) problemOutput.WriteLine(problem.ToString());
        problemOutput.Flush();
        context.Error.WriteLine($"slatimers: {problems.Count} problem(s) in the config folder {directory}.");
    }

    /// <summary>The calendar named by <c>--calendar</c>, or an error listing the known ids.</summary>
    public static bool TryGetCalendar(CliContext context, SlaConfiguration configuration, string id, [NotNullWhen(true)] out BusinessCalendar? calendar)
    {
        if (configuration.Calendars.TryGet(id, out calendar)) return true;
        context.Error.WriteLine($"slatimers: --calendar: unknown calendar '{id}': expected one of {KnownIds(configuration.Calendars)}.");
        return false;
    }

    public static string KnownIds(BusinessCalendarCatalog catalog) => string.Join(", ", catalog.All.Select(c => c.Id));
}
