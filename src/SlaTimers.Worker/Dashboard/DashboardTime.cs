using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Compliance;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// Dates and times as the SLA pages show them, in the display zone (<c>Dashboard:TimeZone</c>), and the periods
/// they cover: today, this ISO week (from Monday), a month. Local midnights become instants with the domain's
/// <see cref="LocalBoundaries"/> rule (a midnight in a DST gap moves forward by the gap).
/// </summary>
public sealed class DashboardTime(DateTimeZone zone, Instant now)
{
    private static readonly ZonedDateTimePattern SameYear = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH:mm x", null);
    private static readonly ZonedDateTimePattern OtherYear = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu HH:mm x", null);

    public DateTimeZone Zone { get; } = zone;
    public Instant Now { get; } = now;

    public LocalDate Today => Now.InZone(Zone).Date;

    /// <summary>"Thu 26 Nov 14:30 CET" (with the year when it is not this year's).</summary>
    public string Format(Instant instant)
    {
        var local = instant.InZone(Zone);
        return (local.Year == Now.InZone(Zone).Year ? SameYear : OtherYear).Format(local);
    }

    public string Format(Instant? instant) => instant is { } i ? Format(i) : "";

    /// <summary>The exact instant, for a tooltip.</summary>
    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public ReportingPeriod TodayPeriod => ReportingPeriod.Dates(Today, Today, Zone);

    public ReportingPeriod ThisWeek
    {
        get
        {
            var monday = Today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
            return ReportingPeriod.Dates(monday, monday.PlusDays(6), Zone);
        }
    }

    public YearMonth ThisMonth => Today.ToYearMonth();

    public ReportingPeriod Month(YearMonth month) => ReportingPeriod.Month(month, Zone);

    /// <summary>"2h 30m", "3d 4h", "45m", "&lt; 1m"; the sign is the caller's to show.</summary>
    public static string Span(Duration duration)
    {
        if (duration < Duration.Zero) duration = -duration;
        var (days, hours, minutes) = (duration.Days, duration.Hours, duration.Minutes);
        if (days > 0) return hours > 0 ? Invariant($"{days}d {hours}h") : Invariant($"{days}d");
        if (hours > 0) return minutes > 0 ? Invariant($"{hours}h {minutes}m") : Invariant($"{hours}h");
        return minutes > 0 ? Invariant($"{minutes}m") : "< 1m";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
