using NodaTime;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Core.Compliance;

/// <summary>How one clock counts in a reporting period.</summary>
public enum PeriodStanding
{
    /// <summary>Not counted: decided or cancelled outside the period, or started after it.</summary>
    NotCounted,

    /// <summary>Met, stopped inside the period.</summary>
    Met,

    /// <summary>Breached (still running or stopped), its deadline passed inside the period.</summary>
    Breached,

    /// <summary>Started before the period's end and without a result by then: open at the end of the period.</summary>
    Open,
}

/// <summary>
/// Which clocks count in a period. A clock counts once, in the period in which it was <em>decided</em>:
/// a <see cref="ClockState.Met"/> clock at its <see cref="Clock.Stopped"/> instant; a
/// <see cref="ClockState.BreachedStopped"/> or <see cref="ClockState.BreachedRunning"/> clock at its
/// <see cref="Clock.BreachedAt"/> instant (the deadline it missed — a breach is final even while the clock runs on).
/// Running, paused and cancelled clocks have no result and never count toward compliance. A clock that had no
/// result yet at the period's end (started before it; still running or paused, or decided or cancelled at or
/// after the end) is counted as <see cref="PeriodStanding.Open"/> instead.
/// </summary>
public static class PeriodStandings
{
    public static PeriodStanding StandingIn(this Clock clock, ReportingPeriod period)
    {
        var decidedAt = DecidedAt(clock);
        if (decidedAt is { } at && period.Contains(at))
        {
            return clock.State == ClockState.Met ? PeriodStanding.Met : PeriodStanding.Breached;
        }

        // Open at the end: begun before it, and whatever ended it (result or cancellation) came at or after it.
        var endedAt = decidedAt ?? (clock.State == ClockState.Cancelled ? clock.Stopped : null);
        var endedBeforeEnd = endedAt is { } ended ? ended < period.End : clock.State == ClockState.Cancelled;
        return clock.Started < period.End && !endedBeforeEnd ? PeriodStanding.Open : PeriodStanding.NotCounted;
    }

    /// <summary>The instant a clock got its result, or null for running, paused and cancelled clocks.</summary>
    public static Instant? DecidedAt(Clock clock) => clock.State switch
    {
        ClockState.Met => clock.Stopped
            ?? throw new ArgumentException($"Clock {clock.Key} is met but has no stop instant.", nameof(clock)),
        ClockState.BreachedRunning or ClockState.BreachedStopped => clock.BreachedAt
            ?? throw new ArgumentException($"Clock {clock.Key} is {clock.State.ToDisplayName()} but has no breach instant.", nameof(clock)),
        _ => null,
    };
}
