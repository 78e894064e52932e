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
        return new TicketRecord(ticket, firstSeen, now, clocks, Earliest(NextTimer(clocks, now, fireForDueNow), FirstEventAfter(ticket, now)));
    }

    /// <summary>
    /// An event the helpdesk dated after our now — its clock runs a little ahead of ours — is not evaluated yet (it has
    /// not happened by our clock), so the ticket needs a timer at that instant to evaluate it then; without one, a
    /// ticket created "in the future" would have no clock and no timer at all.
    /// </summary>
    public static Instant? FirstEventAfter(Ticket ticket, Instant now)
    {
        Instant? first = ticket.Created > now ? ticket.Created : null;
        foreach (var e in ticket.Timeline)
        {
            if (e.At > now && (first is null || e.At < first)) first = e.At;
        }
        return first;
    }

    /// <summary>
    /// A stored ticket's clocks again, at <paramref name="now"/> with <paramref name="rules"/>: the result carries the
    /// version the ticket was read at, so saving it (<see cref="ITicketStore.SaveEvaluationsAsync"/>) is refused when a
    /// newer write came in between.
    /// </summary>
    public static TicketRecord Reevaluate(TicketRecord stored, SlaRules rules, Instant now, bool fireForDueNow) =>
        Evaluate(stored.Ticket, stored.FirstSeen, rules, now, fireForDueNow) with { Version = stored.Version };

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);

    /// <summary>The earliest upcoming checkpoint, or now when <paramref name="fireForDueNow"/> and one is due now.</summary>
    public static Instant? NextTimer(ImmutableArray<Clock> clocks, Instant now, bool fireForDueNow) =>
        fireForDueNow && TicketCheckpoints.DueNow(clocks).Any() ? now : TicketCheckpoints.NextUpcoming(clocks);
}
