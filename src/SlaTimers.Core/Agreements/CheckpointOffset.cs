using NodaTime;
using SlaTimers.Core.Text;

namespace SlaTimers.Core.Agreements;

/// <summary>Where a checkpoint sits relative to a target's budget and deadline.</summary>
public enum CheckpointAnchor
{
    /// <summary>A share of the budget used: <c>75%</c>.</summary>
    ShareOfBudget,

    /// <summary>A time before the deadline: <c>30m before</c>.</summary>
    BeforeDeadline,

    /// <summary>A time after the deadline (an escalation): <c>+0</c>, <c>+1h</c>.</summary>
    AfterDeadline,
}

/// <summary>
/// A checkpoint's position. Offsets count business time of the target's calendar (so a warning never
/// fires at night because the night passed), unless <see cref="WallClock"/> says real time.
/// </summary>
public readonly record struct CheckpointOffset(CheckpointAnchor Anchor, Duration Offset, double Percent, bool WallClock)
{
    public static CheckpointOffset Share(double percent) => new(CheckpointAnchor.ShareOfBudget, Duration.Zero, percent, false);

    public static CheckpointOffset Before(Duration offset, bool wallClock = false) => new(CheckpointAnchor.BeforeDeadline, offset, 0, wallClock);

    public static CheckpointOffset After(Duration offset, bool wallClock = false) => new(CheckpointAnchor.AfterDeadline, offset, 0, wallClock);

    public bool IsEscalation => Anchor == CheckpointAnchor.AfterDeadline;

    /// <summary>
    /// The amount of business time used at which a business-time checkpoint is reached, for a budget.
    /// (Wall-clock checkpoints are placed from the deadline instead.)
    /// </summary>
    public Duration UsedAt(Duration budget) => Anchor switch
    {
        CheckpointAnchor.ShareOfBudget => Duration.FromTicks((long)Math.Floor(budget.BclCompatibleTicks * Percent / 100.0)),
        CheckpointAnchor.BeforeDeadline => Duration.Max(Duration.Zero, budget - Offset),
        _ => budget + Offset,
    };

    /// <summary>As written in the configuration: <c>75%</c>, <c>30m before</c>, <c>+1h wall</c>.</summary>
    public override string ToString() => Anchor switch
    {
        CheckpointAnchor.ShareOfBudget => $"{Percent:0.##}%",
        CheckpointAnchor.BeforeDeadline => $"{DurationText.Format(Offset)} before{(WallClock ? " wall" : "")}",
        _ => $"+{(Offset == Duration.Zero ? "0" : DurationText.Format(Offset))}{(WallClock ? " wall" : "")}",
    };
}
