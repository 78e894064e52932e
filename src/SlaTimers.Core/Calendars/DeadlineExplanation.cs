using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// How a deadline came about: the open periods that consumed the budget, and the holidays, closures and
/// changed hours on the dates between start and deadline. Disputes are settled with this.
/// </summary>
public sealed record DeadlineExplanation(
    string CalendarId,
    Instant Start,
    Duration Budget,
    Instant Deadline,
    ImmutableArray<Interval> SegmentsUsed,
    ImmutableArray<CalendarDay> Days)
{
    /// <summary>Holidays and closures that took away weekly hours between start and deadline.</summary>
    public IEnumerable<CalendarDay> Skipped => Days.Where(d => d.SkipsWeeklyHours);

    /// <summary>Dates whose hours an override changed between start and deadline.</summary>
    public IEnumerable<CalendarDay> ChangedHours => Days.Where(d => d.Kind == CalendarDayKind.ChangedHours);
}
