using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>Why a date's hours differ from the weekly schedule.</summary>
public enum CalendarDayKind
{
    /// <summary>A holiday closes the date.</summary>
    Holiday,

    /// <summary>An override with no hours closes the date.</summary>
    Closure,

    /// <summary>An override gives the date other hours (possibly on a holiday or a closed weekday).</summary>
    ChangedHours,
}

/// <summary>
/// A date whose hours differ from the weekly schedule: the holiday or override, its name, the hours that
/// apply instead, and the weekly hours it replaced (so explanations can say what was skipped).
/// </summary>
public sealed record CalendarDay(
    LocalDate Date,
    CalendarDayKind Kind,
    string Name,
    ImmutableArray<OpeningInterval> Hours,
    ImmutableArray<OpeningInterval> WeeklyHours)
{
    /// <summary>True when the date closes business time the weekly schedule would have had.</summary>
    public bool SkipsWeeklyHours => Kind != CalendarDayKind.ChangedHours && !WeeklyHours.IsEmpty;

    /// <summary>True when the whole local date is closed, including a night shift's tail after midnight.</summary>
    public bool ClosesWholeDate => Kind != CalendarDayKind.ChangedHours;
}
