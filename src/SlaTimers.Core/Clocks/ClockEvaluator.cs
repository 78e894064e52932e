using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// (ticket with its timeline, rules, now) → every clock. Pure and deterministic: clocks are recomputed
/// from the timeline, never patched, so a priority change, a policy edit or a calendar edit simply gives
/// the clocks the new history implies.
/// </summary>
public static class ClockEvaluator
{
    /// <param name="now">The evaluation instant; events after it are ignored (they have not happened).</param>
    /// <param name="knownSince">
    /// When SlaTimers first saw the ticket. Checkpoints that came before it are <see cref="CheckpointState.Missed"/>
    /// (an imported ticket's old warnings are reported, never sent as if new). Null: known from the start.
    /// </param>
    /// <param name="explain">Also record each clock's segments and notes (slower; for explain and disputes).</param>
    public static ImmutableArray<Clock> Evaluate(Ticket ticket, SlaRules rules, Instant now, Instant? knownSince = null, bool explain = false)
    {
        var events = TimelineReplay.Normalize(ticket);
        var created = events[0];
        var fields = TimelineReplay.InitialFields(ticket, created);
        var createdDate = created.At.InUtc().Date;

        // This thread's trackers, reused (see TrackerPool); if anything below throws, the pool is simply dropped.
        var pool = TrackerPool.Rent();
        foreach (var agreement in rules.Agreements)
        {
            if (CanEverBind(agreement, fields, events, createdDate))
            {
                pool.Trackers.Add(pool.Agreement(agreement, rules.Calendars, createdDate, explain));
            }
        }
        // A span: the list does not change while replaying, and a span is looped over twice per event.
        var trackers = CollectionsMarshal.AsSpan(pool.Trackers);

        var last = created.At;
        var agentReplied = false;
        var ended = false;
        foreach (var e in events)
        {
            if (e.At > now || ended) break;
            foreach (var tracker in trackers) tracker.Advance(last, e.At, fields);
            last = e.At;

            var after = TimelineReplay.Apply(fields, e);
            foreach (var tracker in trackers)
            {
                tracker.HasAgentReplied = agentReplied;
                tracker.Apply(e, fields, after);
            }
            fields = after;
            agentReplied |= e.Kind == TicketEventKind.AgentReply;
            ended = e.Kind is TicketEventKind.Merged or TicketEventKind.Deleted;
        }
        if (!ended)
        {
            foreach (var tracker in trackers) tracker.Advance(last, now, fields);
        }

        var clocks = pool.Clocks;
        foreach (var tracker in trackers)
        {
            tracker.AddClocks(clocks, now, fields, knownSince ?? Instant.MinValue);
        }
        ImmutableArray<Clock> result = [.. clocks];
        pool.Return();
        return result;
    }

    /// <summary>
    /// Cheap pre-check: an OLA whose group the ticket never reaches, or an SLA whose organizations the ticket
    /// never belongs to, can have no clock, so it is not replayed at all.
    /// </summary>
    private static bool CanEverBind(Agreement agreement, TicketFields initial, ImmutableArray<TicketEvent> events, LocalDate createdDate)
    {
        var field = agreement.Kind == AgreementKind.Internal ? TicketFieldNames.Group : TicketFieldNames.Organization;
        if (agreement.Kind == AgreementKind.External && (agreement.Organizations.IsEmpty || agreement.Covers(initial, createdDate))) return true;
        if (agreement.Kind == AgreementKind.Internal && Binds(agreement, initial.Group)) return true;
        foreach (var e in events)
        {
            if (e.Kind != TicketEventKind.FieldChanged || e.Field != field) continue;
            if (agreement.Kind == AgreementKind.Internal ? Binds(agreement, e.Value) : agreement.Covers(initial with { Organization = e.Value }, createdDate))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Binds(Agreement agreement, string? group) =>
        string.Equals(group, agreement.Group, StringComparison.OrdinalIgnoreCase);
}
