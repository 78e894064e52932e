using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// One opening interval of a business day, in local time. An interval whose end is at or before its
/// start ends on the next day: <c>22:00-06:00</c> is a night shift and <c>00:00-24:00</c> (end
/// <c>00:00</c>) is the whole day. The interval belongs to the day it starts on.
/// </summary>
public readonly record struct OpeningInterval(LocalTime Start, LocalTime End)
{
    /// <summary>The whole day, <c>00:00-24:00</c>.</summary>
    public static OpeningInterval WholeDay { get; } = new(LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>True when the interval ends on the next day (overnight, or ending at 24:00).</summary>
    public bool EndsNextDay => End <= Start;

    /// <summary>The nominal length on a day without a DST transition (22:00-06:00 is 8 hours).</summary>
    public Duration NominalLength =>
        Duration.FromNanoseconds(End.NanosecondOfDay - Start.NanosecondOfDay) + (EndsNextDay ? Duration.FromDays(1) : Duration.Zero);

    /// <summary>The local start and end date-times of this interval on <paramref name="date"/>.</summary>
    public (LocalDateTime Start, LocalDateTime End) On(LocalDate date) =>
        (date + Start, (EndsNextDay ? date.PlusDays(1) : date) + End);

    /// <summary>Formats as the configuration writes it, e.g. <c>08:30-17:30</c> or <c>22:00-24:00</c>.</summary>
    public override string ToString() =>
        $"{Start:HH':'mm}-{(End == LocalTime.Midnight ? "24:00" : End.ToString("HH':'mm", null))}";
}
