using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Worker.Cli.Formatting;

/// <summary>
/// Every way the command line writes a time: culture-invariant NodaTime patterns, so output is the same on
/// every machine. UTC instants end in <c>Z</c>; local times carry their offset (and, for people, the zone).
/// </summary>
public static class TimeFormats
{
    private static readonly OffsetDateTimePattern LocalIso =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    private static readonly ZonedDateTimePattern LocalHuman =
        ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm':'ss;FFFFFFFFF o<+HH:mm> x", null);

    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    private static readonly LocalDatePattern DateWithDay = LocalDatePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd");

    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm;FFFFFFFFF");

    /// <summary><c>2026-12-28T09:30:00Z</c>.</summary>
    public static string Utc(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary><c>2026-12-28T10:30:00+01:00</c>.</summary>
    public static string LocalWithOffset(Instant instant, DateTimeZone zone) =>
        LocalIso.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary><c>Mon 2026-12-28 10:30:00 +01:00 CET</c>.</summary>
    public static string LocalForPeople(Instant instant, DateTimeZone zone) => LocalHuman.Format(instant.InZone(zone));

    /// <summary><c>2026-12-28</c>.</summary>
    public static string IsoDate(LocalDate date) => Date.Format(date);

    /// <summary><c>Mon 2026-12-28</c>.</summary>
    public static string DateForPeople(LocalDate date) => DateWithDay.Format(date);

    /// <summary><c>10:30</c> (seconds only when present).</summary>
    public static string TimeOfDay(LocalTime time) => Time.Format(time);

    /// <summary><c>monday</c>: the JSON spelling of a weekday.</summary>
    public static string WeekdayKey(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    /// <summary><c>holiday</c>, <c>closure</c>, <c>changedHours</c>: the JSON spelling of a day kind.</summary>
    public static string KindKey(CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "holiday",
        CalendarDayKind.Closure => "closure",
        CalendarDayKind.ChangedHours => "changedHours",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary><c>08:30-12:30, 13:30-17:30</c>, or <paramref name="whenEmpty"/>.</summary>
    public static string Hours(IEnumerable<OpeningInterval> hours, string whenEmpty = "closed")
    {
        var text = string.Join(", ", hours.Select(h => h.ToString()));
        return text.Length == 0 ? whenEmpty : text;
    }

    /// <summary>
    /// ISO-8601 in hours, minutes and seconds (<c>PT4H30M</c>, <c>PT90H</c>, <c>PT0S</c>). Business time is
    /// not counted in days, which would read as calendar or business days.
    /// </summary>
    public static string IsoDuration(Duration duration)
    {
        var text = new StringBuilder(16);
        if (duration < Duration.Zero)
        {
            text.Append('-');
            duration = -duration;
        }
        var ticks = duration.BclCompatibleTicks;
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var secondTicks = ticks % TimeSpan.TicksPerMinute;
        text.Append("PT");
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        if (minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        if (secondTicks > 0 || (hours == 0 && minutes == 0))
        {
            text.Append(Seconds(secondTicks)).Append('S');
        }
        return text.ToString();
    }

    /// <summary>Whole seconds as an integer, else seconds with the fraction (<c>16200</c>, <c>0.5</c>).</summary>
    public static decimal TotalSeconds(Duration duration) => duration.BclCompatibleTicks / (decimal)TimeSpan.TicksPerSecond;

    /// <summary><c>16200</c>, <c>0.5</c>: <see cref="TotalSeconds"/> as text.</summary>
    public static string SecondsText(Duration duration) => Seconds(duration.BclCompatibleTicks);

    private static string Seconds(long ticks) =>
        (ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);
}
