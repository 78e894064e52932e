using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Timers;

/// <summary>A ticket's clocks at an instant, and when its timer should fire next.</summary>
public static class TicketEvaluation
{
    /// <param name="firstSeen">When SlaTimers first saw the ticket: checkpoints before it are missed, never sent.</param>
    /// <param name="fireForDueNow">
    /// True after a change from outside (a sync, a configuration change): a checkpoint that is due now gets a timer
    /// at once, and the timer job notifies whoever was not notified yet (the ledger skips the others). A timer job
    /// itself passes false: it has just notified what is due.
    /// </param>
    public static TicketRecord Evaluate(Ticket ticket, Instant firstSeen, SlaRules rules, Instant now, bool fireForDueNow)
    {
        var clocks = ClockEvaluator.Evaluate(ticket, rules, now, firstSeen);
        return new TicketRecord(ticket, firstSeen, now, clocks, NextTimer(clocks, now, fireForDueNow));
    }

    /// <summary>The earliest upcoming checkpoint, or now when <paramref name="fireForDueNow"/> and one is due now.</summary>
    public static Instant? NextTimer(ImmutableArray<Clock> clocks, Instant now, bool fireForDueNow) =>
        fireForDueNow && TicketCheckpoints.DueNow(clocks).Any() ? now : TicketCheckpoints.NextUpcoming(clocks);
}
