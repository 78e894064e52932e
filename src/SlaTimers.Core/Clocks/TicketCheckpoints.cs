using NodaTime;

namespace SlaTimers.Core.Clocks;

/// <summary>What a ticket's clocks ask of the timers: when to look next, and what to notify now.</summary>
public static class TicketCheckpoints
{
    /// <summary>The earliest upcoming checkpoint of any open clock: when the ticket's timer should fire.</summary>
    public static Instant? NextUpcoming(IEnumerable<Clock> clocks)
    {
        Instant? next = null;
        foreach (var clock in clocks)
        {
            if (!clock.State.IsOpen()) continue;
            foreach (var checkpoint in clock.Checkpoints)
            {
                if (checkpoint is { State: CheckpointState.Upcoming, At: { } at } && (next is null || at < next)) next = at;
            }
        }
        return next;
    }

    /// <summary>
    /// Checkpoints that are due and worth telling someone: those of open clocks, and the escalations of a
    /// clock that breached (even if it stopped since). A warning of a clock that was met meanwhile is not
    /// sent. Missed checkpoints (before the ticket was known) never are.
    /// </summary>
    public static IEnumerable<(Clock Clock, ClockCheckpoint Checkpoint)> DueNow(IEnumerable<Clock> clocks)
    {
        foreach (var clock in clocks)
        {
            foreach (var checkpoint in clock.Checkpoints)
            {
                if (checkpoint.State != CheckpointState.Due) continue;
                if (clock.State.IsOpen() || (checkpoint.Definition.IsEscalation && clock.State.IsBreached()))
                {
                    yield return (clock, checkpoint);
                }
            }
        }
    }
}
