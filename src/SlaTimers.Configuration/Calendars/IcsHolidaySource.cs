using System.Collections.Immutable;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Closures from an ICS file, read once at load time (Core does no I/O): every date covered by an all-day
/// event is a holiday named by the event's SUMMARY; recurring events (RRULE) are expanded per requested
/// year, multi-day events close each of their dates. Thread-safe; each year is expanded once.
/// </summary>
public sealed class IcsHolidaySource : IHolidaySource
{
    // A rule that can never match (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30) would make Ical.Net search forever.
    private static readonly EvaluationOptions Evaluation = new() { MaxUnmatchedIncrementsLimit = 10_000 };

    // Ical.Net objects are not thread-safe: every use of the calendar holds the gate.
    private readonly Ical.Net.Calendar _calendar;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ImmutableArray<Holiday>> _byYear = [];

    internal IcsHolidaySource(string fileName, string fullPath, Ical.Net.Calendar calendar)
    {
        FileName = fileName;
        FullPath = fullPath;
        _calendar = calendar;
    }

    /// <summary>The file as the calendar names it, e.g. <c>nl-closures.ics</c>.</summary>
    public string FileName { get; }

    /// <summary>Where the file was read from.</summary>
    public string FullPath { get; }

    public string Description => $"closures from {FileName}";

    /// <exception cref="InvalidOperationException">A recurrence in the file cannot be expanded for this year.</exception>
    public IEnumerable<Holiday> HolidaysIn(int year)
    {
        lock (_gate)
        {
            if (_byYear.TryGetValue(year, out var cached)) return cached;
            var expanded = Expand(year);
            _byYear[year] = expanded;
            return expanded;
        }
    }

    private ImmutableArray<Holiday> Expand(int year)
    {
        if (year is < 1 or > 9999) return [];
        var holidays = new List<Holiday>();
        try
        {
            // Occurrences come in start order and include events that began earlier but still run into the year.
            var occurrences = _calendar.GetOccurrences<CalendarEvent>(new CalDateTime(year, 1, 1), Evaluation)
                .TakeWhile(o => o.Period.StartTime.Year <= year);
            foreach (var occurrence in occurrences)
            {
                var calendarEvent = (CalendarEvent)occurrence.Source;
                if (string.Equals(calendarEvent.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase)) continue;
                holidays.AddRange(DatesOf(occurrence.Period).Where(d => d.Year == year).Select(d => new Holiday(d, NameOf(calendarEvent))));
            }
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The ICS file {FileName} cannot be expanded for {year}: {e.Message}", e);
        }
        return [.. holidays.OrderBy(h => h.Date)];
    }

    /// <summary>The dates an all-day occurrence covers: DTEND is exclusive; without one it is one day.</summary>
    private static IEnumerable<LocalDate> DatesOf(Ical.Net.DataTypes.Period period)
    {
        var first = LocalDate.FromDateOnly(period.StartTime.Date);
        var end = period.EffectiveEndTime is { } endTime ? LocalDate.FromDateOnly(endTime.Date) : first.PlusDays(1);
        if (end <= first) end = first.PlusDays(1);
        for (var date = first; date < end; date = date.PlusDays(1)) yield return date;
    }

    private string NameOf(CalendarEvent calendarEvent) =>
        string.IsNullOrWhiteSpace(calendarEvent.Summary) ? $"Closure ({FileName})" : calendarEvent.Summary.Trim();
}
