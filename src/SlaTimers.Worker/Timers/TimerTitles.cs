using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// The dashboard name of a timer job: the checkpoint it fires for, e.g.
/// <c>Warn 75 % · ZD-4821 · first response · due 14:30 CET</c>.
/// </summary>
public static class TimerTitles
{
    /// <summary>Instants in the timer table are whole microseconds; the clocks keep ticks.</summary>
    private static readonly Duration Precision = Duration.FromMilliseconds(1);

    public static string For(TicketRecord? record, TicketKey ticket, Instant dueAt, SlaConfiguration configuration, Instant now)
    {
        if (record is null) return $"Timer · {ticket}";
        var match = Upcoming(record.Clocks, dueAt) ?? TicketCheckpoints.DueNow(record.Clocks).Select(d => ((Clock, ClockCheckpoint)?)d).FirstOrDefault();
        if (match is not { } found) return $"Timer · {record.Ticket.DisplayId}";
        var (clock, checkpoint) = found;
        return CheckpointTitles.Format(record.Ticket.DisplayId, clock.Metric, checkpoint.Definition, clock.Deadline, ClockZones.Of(configuration, clock), now);
    }

    private static (Clock, ClockCheckpoint)? Upcoming(IEnumerable<Clock> clocks, Instant dueAt)
    {
        foreach (var clock in clocks)
        {
            if (!clock.State.IsOpen()) continue;
            foreach (var checkpoint in clock.Checkpoints)
            {
                if (checkpoint is { State: CheckpointState.Upcoming, At: { } at } && Duration.Max(at - dueAt, dueAt - at) < Precision) return (clock, checkpoint);
            }
        }
        return null;
    }
}
