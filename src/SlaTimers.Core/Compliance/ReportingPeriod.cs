using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// The stretch of time a compliance report covers: the half-open instant range [<see cref="Start"/>,
/// <see cref="End"/>). An instant exactly at the start is inside; one exactly at the end belongs to the next
/// period, so consecutive periods never count a clock twice.
/// </summary>
/// <remarks>
/// The period is kept as instants because clocks are decided at instants. The common case is a calendar month
/// in the agreement's reporting time zone (<see cref="Month"/>), or a range of local dates (<see cref="Dates"/>);
/// both turn each local midnight into an instant with <see cref="LocalBoundaries"/> (a midnight inside a
/// spring-forward gap moves forward by the gap), and keep the dates and zone for presentation.
/// </remarks>
public sealed record ReportingPeriod
{
    private ReportingPeriod(Instant start, Instant end, DateInterval? dates, DateTimeZone? zone)
    {
        if (end <= start)
        {
            throw new ArgumentException($"A reporting period must end after it starts: {start} .. {end}.", nameof(end));
        }
        Start = start;
        End = end;
        LocalDates = dates;
        Zone = zone;
    }

    /// <summary>The first instant inside the period.</summary>
    public Instant Start { get; }

    /// <summary>The first instant after the period (exclusive).</summary>
    public Instant End { get; }

    /// <summary>The local dates covered, first and last inclusive, when the period was made from dates.</summary>
    public DateInterval? LocalDates { get; }

    /// <summary>The zone the local dates are in, when the period was made from dates.</summary>
    public DateTimeZone? Zone { get; }

    public Interval Interval => new(Start, End);

    /// <summary>The instants from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public static ReportingPeriod Between(Instant start, Instant end) => new(start, end, null, null);

    /// <summary>A calendar month, from the first midnight of its first day to the first midnight after its last, in <paramref name="zone"/>.</summary>
    public static ReportingPeriod Month(YearMonth month, DateTimeZone zone)
    {
        var dates = month.ToDateInterval();
        return Dates(dates.Start, dates.End, zone);
    }

    /// <summary>Whole local dates <paramref name="first"/> to <paramref name="last"/>, both inclusive, in <paramref name="zone"/>.</summary>
    public static ReportingPeriod Dates(LocalDate first, LocalDate last, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (last < first)
        {
            throw new ArgumentException($"A reporting period's last date {last:uuuu-MM-dd} is before its first {first:uuuu-MM-dd}.", nameof(last));
        }
        var start = LocalBoundaries.ToInstant(first.AtMidnight(), zone);
        var end = LocalBoundaries.ToInstant(last.PlusDays(1).AtMidnight(), zone);
        return new ReportingPeriod(start, end, new DateInterval(first, last), zone);
    }

    /// <summary>True when <paramref name="instant"/> lies in [Start, End).</summary>
    public bool Contains(Instant instant) => Start <= instant && instant < End;

    public override string ToString() => LocalDates is { } dates && Zone is { } zone
        ? $"{dates.Start:uuuu-MM-dd} .. {dates.End:uuuu-MM-dd} ({zone.Id})"
        : $"{Start} .. {End}";
}
