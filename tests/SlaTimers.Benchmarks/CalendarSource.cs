using SlaTimers.Core.Calendars;

namespace SlaTimers.Benchmarks;

/// <summary>Where a benchmark's Dutch calendar comes from: built in code, or loaded from its config file.</summary>
public static class CalendarSource
{
    public const string InCode = "in-code";
    public const string File = "nl-servicedesk.json";

    /// <summary>In code always; the config file once the loader reads it.</summary>
    public static IEnumerable<string> Available =>
        ConfigFile.TryLoad(out _) ? [InCode, File] : [InCode];

    /// <summary>A fresh calendar from <paramref name="source"/>: nothing compiled yet.</summary>
    public static BusinessCalendar Create(string source) => source switch
    {
        InCode => BusinessCalendar.Create(DutchCalendar.Definition),
        File => ConfigFile.Load(),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown calendar source."),
    };
}
