using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Core.Clocks;

/// <summary>A checkpoint of a clock: where it lies (when known) and whether it has come.</summary>
public sealed record ClockCheckpoint(Checkpoint Definition, Instant? At, CheckpointState State);

/// <summary>
/// One SLA clock: (ticket, agreement, target metric, cycle). Always derived from the ticket's timeline;
/// <see cref="Used"/> is business time as of the evaluation instant (or of the stop).
/// </summary>
public sealed record Clock
{
    public required string AgreementId { get; init; }
    public required AgreementKind AgreementKind { get; init; }
    public required Metric Metric { get; init; }

    /// <summary>1 for the first cycle of this metric in this agreement, then 2, 3, …</summary>
    public required int Cycle { get; init; }

    public required ClockState State { get; init; }

    /// <summary>True while a pausing status holds (also for a breached clock).</summary>
    public bool IsPaused { get; init; }

    /// <summary>The policy in force last (or when the clock stopped).</summary>
    public string? PolicyId { get; init; }
    public string? CalendarId { get; init; }
    public string? Priority { get; init; }

    public required Instant Started { get; init; }
    public Instant? Stopped { get; init; }

    /// <summary>Why the clock stopped or was cancelled, in words.</summary>
    public string? StopReason { get; init; }

    public Duration Used { get; init; }
    public Duration Budget { get; init; }

    /// <summary>
    /// Business time left under the current budget; negative once used up. (A breach stays a breach even
    /// if a later change, such as a lowered priority, gives a budget that is not used up.)
    /// </summary>
    public Duration Left => Budget - Used;

    /// <summary>The latest instant at which the target is met; null while paused (it depends on when it resumes).</summary>
    public Instant? Deadline { get; init; }

    /// <summary>The deadline that was missed, for a breached clock.</summary>
    public Instant? BreachedAt { get; init; }

    public ImmutableArray<ClockCheckpoint> Checkpoints { get; init; } = [];

    /// <summary>How the clock came to stand where it does; filled when evaluation is asked to explain.</summary>
    public ClockExplanation? Explanation { get; init; }

    /// <summary>Stable within a ticket: <c>customer-acme/resolution/1</c>.</summary>
    public string Key => $"{AgreementId}/{Metric.ToConfigName()}/{Cycle}";
}
