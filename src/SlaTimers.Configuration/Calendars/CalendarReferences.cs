using NodaTime;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// The calendar ids other files may refer to: the built-in <c>24x7</c> and every id a calendar file declares,
/// even a file with problems, so one typo in a calendar does not also make every reference to it "unknown".
/// </summary>
internal sealed class CalendarReferences
{
    // Ordinal like the catalog: a reference in other case would not find the calendar at run time.
    private readonly Dictionary<string, BusinessCalendarDefinition?> _byId = new(StringComparer.Ordinal)
    {
        [BusinessCalendarDefinition.AlwaysOpenId] = BusinessCalendarDefinition.AlwaysOpen,
    };

    /// <param name="definition">The calendar, or null when its file had problems.</param>
    public void Add(string id, BusinessCalendarDefinition? definition) => _byId.TryAdd(id, definition);

    public IEnumerable<string> Ids => _byId.Keys.Order(StringComparer.Ordinal);

    /// <summary>The id when a calendar has it; otherwise null after reporting the unknown reference.</summary>
    public string? Check(JsonCursor cursor, string id)
    {
        if (_byId.ContainsKey(id)) return id;
        cursor.Report($"unknown calendar '{id}'{NameSuggestions.DidYouMean(id, _byId.Keys)}: expected the id of a calendar in " +
                      $"{CalendarFolderReader.FolderName}/*.json or the built-in '{BusinessCalendarDefinition.AlwaysOpenId}'; " +
                      $"known calendars: {string.Join(", ", Ids)}");
        return null;
    }

    /// <summary>How long <c>"1d"</c> is on the calendar; null when the calendar is unknown or its file had problems.</summary>
    public Duration? BusinessDayLength(string id) =>
        _byId.GetValueOrDefault(id) is { } definition ? definition.EffectiveBusinessDayLength : null;
}
