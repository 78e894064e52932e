using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// What an admin writes: a time zone, weekly opening hours, holidays and per-date overrides.
/// <see cref="BusinessCalendar.Create"/> turns it into the engine that answers questions.
/// </summary>
public sealed record BusinessCalendarDefinition(
    string Id,
    string Name,
    DateTimeZone Zone,
    WeeklySchedule Week,
    ImmutableArray<IHolidaySource> Holidays,
    ImmutableArray<DateOverride> Overrides)
{
    /// <summary>
    /// How long one business day is, for budgets written in days (<c>2d</c>); null means the typical
    /// length of the weekly schedule (<see cref="WeeklySchedule.TypicalDayLength"/>).
    /// </summary>
    public Duration? BusinessDayLength { get; init; }

    /// <summary>The business-day length in force: configured, or else the weekly schedule's typical day.</summary>
    public Duration EffectiveBusinessDayLength => BusinessDayLength ?? Week.TypicalDayLength;

    /// <summary>The id of the built-in calendar that is always open.</summary>
    public const string AlwaysOpenId = "24x7";

    /// <summary>The built-in <c>24x7</c> calendar: open every instant, in UTC.</summary>
    public static BusinessCalendarDefinition AlwaysOpen { get; } = new(
        AlwaysOpenId, "Always open (24x7)", DateTimeZone.Utc, WeeklySchedule.AlwaysOpen, [], []);

    /// <summary>
    /// True when the definition can never open: no weekly hours and no override with hours.
    /// Such a calendar is a configuration error; the engine also refuses it.
    /// </summary>
    public bool IsNeverOpen => Week.IsEmpty && Overrides.All(o => o.ClosesDate);
}
