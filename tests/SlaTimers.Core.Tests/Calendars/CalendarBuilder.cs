using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>
/// Builds calendars in tests the way an admin writes them: <c>"09:00-17:00"</c>, <c>"22:00-06:00"</c>
/// (a night shift, belonging to the day it starts) and <c>"00:00-24:00"</c> (the whole day).
/// </summary>
internal sealed class CalendarBuilder
{
    public static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    public static readonly IsoDayOfWeek[] AllDays = [.. Weekdays, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private readonly Dictionary<IsoDayOfWeek, List<OpeningInterval>> _week = [];
    private readonly List<IHolidaySource> _holidays = [];
    private readonly List<DateOverride> _overrides = [];

    private CalendarBuilder(DateTimeZone zone) => Zone = zone;

    public DateTimeZone Zone { get; }

    public static CalendarBuilder In(string zoneId) => new(DateTimeZoneProviders.Tzdb[zoneId]);

    public CalendarBuilder Open(string hours, params IsoDayOfWeek[] days)
    {
        foreach (var day in days)
        {
            if (!_week.TryGetValue(day, out var list)) _week[day] = list = [];
            list.Add(Interval(hours));
        }
        return this;
    }

    public CalendarBuilder OpenWeekdays(string hours) => Open(hours, Weekdays);

    public CalendarBuilder OpenEveryDay(string hours) => Open(hours, AllDays);

    public CalendarBuilder Holiday(LocalDate date, string name)
    {
        _holidays.Add(new FixedHoliday(date, name));
        return this;
    }

    public CalendarBuilder YearlyHoliday(int month, int day, string name)
    {
        _holidays.Add(new YearlyHoliday(new AnnualDate(month, day), name));
        return this;
    }

    /// <summary>Other hours on one date; no hours closes the date.</summary>
    public CalendarBuilder Override(LocalDate date, string? name, params string[] hours)
    {
        _overrides.Add(new DateOverride(date, [.. hours.Select(Interval)], name));
        return this;
    }

    public BusinessCalendarDefinition Definition(string id = "test") => new(
        id, id, Zone,
        WeeklySchedule.Create(_week.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<OpeningInterval>)kv.Value)),
        [.. _holidays], [.. _overrides]);

    public BusinessCalendar Build(string id = "test") => BusinessCalendar.Create(Definition(id));

    /// <summary>Parses <c>"HH:mm-HH:mm"</c>; <c>24:00</c> is the end of the day.</summary>
    public static OpeningInterval Interval(string text)
    {
        var parts = text.Split('-');
        return new OpeningInterval(Time(parts[0]), Time(parts[1]));
    }

    private static LocalTime Time(string text) =>
        text == "24:00" ? LocalTime.Midnight : HourMinute.Parse(text).GetValueOrThrow();
}

/// <summary>Ways to write the instants a test means, without ever letting a DST rule choose silently.</summary>
internal static class Moments
{
    /// <summary>A local time that exists exactly once in the zone (throws in a gap or overlap).</summary>
    public static Instant Local(this DateTimeZone zone, int year, int month, int day, int hour = 0, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();

    /// <summary>A wall-clock time at an explicit UTC offset: around DST this says which side is meant.</summary>
    public static Instant At(int year, int month, int day, int hour, int minute, double offsetHours) =>
        new LocalDateTime(year, month, day, hour, minute)
            .WithOffset(Offset.FromSeconds((int)Math.Round(offsetHours * 3600))).ToInstant();

    public static Instant Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        Instant.FromUtc(year, month, day, hour, minute);

    public static LocalDateTime LocalOf(this BusinessCalendar calendar, Instant instant) =>
        instant.InZone(calendar.Zone).LocalDateTime;

    public static LocalDateTime L(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute);
}
