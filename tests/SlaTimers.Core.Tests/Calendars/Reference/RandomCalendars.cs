using System.Text;
using CsCheck;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Tests.Calendars.Reference;

/// <summary>A random calendar and an instant worth starting near (a DST transition, or New Year).</summary>
internal sealed record CalendarCase(
    DateTimeZone Zone,
    OpeningInterval[][] Week,
    LocalDate[] Holidays,
    DateOverride[] Overrides,
    Instant Focus)
{
    public BusinessCalendarDefinition Definition() => new(
        "random", "random", Zone,
        WeeklySchedule.Create(Enumerable.Range(0, 7).ToDictionary(
            i => (IsoDayOfWeek)(i + 1), i => (IReadOnlyList<OpeningInterval>)Week[i])),
        [.. Holidays.Select(d => (IHolidaySource)new FixedHoliday(d, $"Holiday {d:uuuu-MM-dd}"))],
        [.. Overrides]);

    public BusinessCalendar Engine() => BusinessCalendar.Create(Definition());

    public SecondBySecondCalendar Reference(Duration step) => new(Definition(), step);

    public override string ToString()
    {
        var text = new StringBuilder($"{Zone.Id}, focus {Focus} ({Focus.InZone(Zone).LocalDateTime:uuuu-MM-dd HH:mm})");
        for (var i = 0; i < 7; i++)
        {
            text.Append($"; {(IsoDayOfWeek)(i + 1)}: {string.Join(" ", Week[i])}");
        }
        text.Append($"; holidays: {string.Join(" ", Holidays.Select(d => d.ToString("uuuu-MM-dd", null)))}");
        text.Append($"; overrides: {string.Join(" ", Overrides.Select(o => $"{o.Date:uuuu-MM-dd}=[{string.Join(" ", o.Hours)}]"))}");
        return text.ToString();
    }
}

/// <summary>Generators of random calendars: 0-3 intervals a weekday on a quarter-hour grid, night shifts included.</summary>
internal static class RandomCalendars
{
    public static readonly string[] ZoneIds = ["Europe/Amsterdam", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe"];

    /// <summary>Mostly short intervals (15 min - 4 h), some long ones up to 24 h; any of them may cross midnight.</summary>
    public static readonly Gen<OpeningInterval> Interval =
        from start in Gen.Int[0, 95]
        from length in Gen.Frequency((3, Gen.Int[1, 16]), (1, Gen.Int[17, 96]))
        select new OpeningInterval(
            LocalTime.FromMinutesSinceMidnight(start * 15),
            LocalTime.FromMinutesSinceMidnight((start + length) * 15 % 1440));

    public static readonly Gen<CalendarCase> Case =
        from zoneId in Gen.OneOf(ZoneIds)
        from focus in Gen.OneOf(InterestingInstants(DateTimeZoneProviders.Tzdb[zoneId]))
        from week in Interval.Array[0, 3].Array[7, 7]
        from holidayOffsets in Gen.Int[-3, 20].Array[0, 3]
        from overrides in Gen.Select(Gen.Int[-3, 20], Interval.Array[0, 2]).Array[0, 2]
        select Create(DateTimeZoneProviders.Tzdb[zoneId], focus, week, holidayOffsets, overrides);

    /// <summary>Cases the engine accepts (a calendar that never opens is refused at creation; tested elsewhere).</summary>
    public static readonly Gen<CalendarCase> OpenCase = Case.Where(c => !c.Definition().IsNeverOpen);

    /// <summary>Each transition of the zone in 2018-2019, and local midnight of New Year 2019.</summary>
    public static Instant[] InterestingInstants(DateTimeZone zone)
    {
        var from = Instant.FromUtc(2018, 1, 1, 0, 0);
        var to = Instant.FromUtc(2020, 1, 1, 0, 0);
        var transitions = zone.GetZoneIntervals(from, to).Where(i => i.HasStart && i.Start > from).Select(i => i.Start);
        return [.. transitions, new LocalDate(2019, 1, 1).AtStartOfDayInZone(zone).ToInstant()];
    }

    private static CalendarCase Create(DateTimeZone zone, Instant focus, OpeningInterval[][] week, int[] holidayOffsets,
        (int Offset, OpeningInterval[] Hours)[] overrides)
    {
        var focusDate = focus.InZone(zone).Date;
        var holidays = holidayOffsets.Select(focusDate.PlusDays).Distinct().ToArray();
        var dateOverrides = overrides
            .DistinctBy(o => o.Offset)
            .Select(o => new DateOverride(focusDate.PlusDays(o.Offset), [.. o.Hours], "Random override"))
            .ToArray();
        return new CalendarCase(zone, week, holidays, dateOverrides, focus);
    }
}
