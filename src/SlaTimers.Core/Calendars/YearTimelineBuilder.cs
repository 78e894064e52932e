using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// Builds one local year of a calendar: which hours apply on each date (override, else holiday, else
/// weekly), converted to instants with <see cref="LocalBoundaries"/>, clipped to the year and merged.
/// </summary>
internal sealed class YearTimelineBuilder(BusinessCalendarDefinition definition)
{
    private readonly Dictionary<LocalDate, DateOverride> _overrides =
        definition.Overrides.ToDictionary(o => o.Date);

    public YearTimeline Build(int year)
    {
        var zone = definition.Zone;
        var firstDay = new LocalDate(year, 1, 1);
        var nextYear = new LocalDate(year + 1, 1, 1);
        var start = Ticks(firstDay.AtMidnight());
        var end = Ticks(nextYear.AtMidnight());

        // The day before January 1st contributes the tail of a night shift; the day after December 31st
        // can close that tail (a holiday closes its whole date), so holidays are read for three years.
        var holidays = HolidaysIn(year - 1, year, year + 1);
        var intervals = new List<(long Open, long Close)>(400);
        var days = ImmutableArray.CreateBuilder<CalendarDay>();

        for (var date = firstDay.PlusDays(-1); date < nextYear; date = date.PlusDays(1))
        {
            var day = Describe(date, holidays);
            if (date.Year == year && day is not null) days.Add(day);

            var hours = day?.Hours ?? definition.Week[date.DayOfWeek];
            if (hours.IsEmpty) continue;

            var nextDay = date.PlusDays(1);
            var nextDayClosed = Describe(nextDay, holidays)?.ClosesWholeDate == true;
            var nextMidnight = Ticks(nextDay.AtMidnight());
            foreach (var interval in hours)
            {
                var (localOpen, localClose) = interval.On(date);
                var open = Math.Max(Ticks(localOpen), start);
                var close = Math.Min(Ticks(localClose), end);
                if (nextDayClosed) close = Math.Min(close, nextMidnight);
                if (open < close) intervals.Add((open, close));
            }
        }

        return Merge(year, start, end, intervals, days.ToImmutable());
    }

    private CalendarDay? Describe(LocalDate date, IReadOnlyDictionary<LocalDate, string> holidays)
    {
        var weekly = definition.Week[date.DayOfWeek];
        holidays.TryGetValue(date, out var holidayName);
        if (_overrides.TryGetValue(date, out var o))
        {
            var kind = o.ClosesDate ? CalendarDayKind.Closure : CalendarDayKind.ChangedHours;
            var name = o.Name ?? holidayName ?? (o.ClosesDate ? "Closed" : "Other hours");
            return new CalendarDay(date, kind, name, o.Hours, weekly);
        }
        return holidayName is null ? null : new CalendarDay(date, CalendarDayKind.Holiday, holidayName, [], weekly);
    }

    private Dictionary<LocalDate, string> HolidaysIn(params int[] years)
    {
        var result = new Dictionary<LocalDate, string>();
        foreach (var source in definition.Holidays)
        {
            foreach (var year in years)
            {
                foreach (var holiday in source.HolidaysIn(year))
                {
                    result[holiday.Date] = result.TryGetValue(holiday.Date, out var existing) && existing != holiday.Name
                        ? $"{existing} / {holiday.Name}"
                        : holiday.Name;
                }
            }
        }
        return result;
    }

    private long Ticks(LocalDateTime local) => LocalBoundaries.ToInstant(local, definition.Zone).ToUnixTimeTicks();

    /// <summary>Sorts and unions the intervals: overlapping or touching intervals (12:00|12:00) become one.</summary>
    private static YearTimeline Merge(int year, long start, long end, List<(long Open, long Close)> intervals,
        ImmutableArray<CalendarDay> days)
    {
        intervals.Sort();
        var opens = new List<long>(intervals.Count);
        var closes = new List<long>(intervals.Count);
        foreach (var (open, close) in intervals)
        {
            if (closes.Count > 0 && open <= closes[^1])
            {
                closes[^1] = Math.Max(closes[^1], close);
                continue;
            }
            opens.Add(open);
            closes.Add(close);
        }
        return new YearTimeline(year, start, end, [.. opens], [.. closes], days);
    }
}
