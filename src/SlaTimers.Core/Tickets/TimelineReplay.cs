using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Tickets;

/// <summary>
/// Puts a timeline in its one canonical order and replays it into field states. Events given twice or
/// in another order give the same result: duplicates are dropped, and events are ordered by instant,
/// then by kind (field changes, status changes, messages), then by id and value.
/// </summary>
public static class TimelineReplay
{
    /// <summary>The de-duplicated timeline in canonical order, starting with exactly one Created event.</summary>
    public static ImmutableArray<TicketEvent> Normalize(Ticket ticket)
    {
        if (IsCanonical(ticket.Timeline)) return ticket.Timeline;

        var events = new List<TicketEvent>(ticket.Timeline.Length + 1);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        HashSet<TicketEvent>? seenValues = null; // most connectors give every event an id
        TicketEvent? created = null;
        foreach (var e in ticket.Timeline)
        {
            if (e.Id is not null ? !seenIds.Add(e.Id) : !(seenValues ??= new(TimelineEventValue.Comparer)).Add(e)) continue;
            // Exactly one Created event, the earliest (the first of equals); nothing happens before it.
            if (e.Kind != TicketEventKind.Created) events.Add(e);
            else if (created is null || e.At < created.At) created = e;
        }
        created ??= TicketEvent.Created(ticket.Created);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].At < created.At) events[i] = events[i] with { At = created.At };
        }
        events.Add(created);
        events.Sort(CanonicalOrder);
        return [.. events];
    }

    /// <summary>
    /// True when the timeline already is in canonical form (as stored timelines are): one Created event,
    /// first, and every later event strictly after its predecessor in canonical order (so no duplicates).
    /// Checking is much cheaper than sorting again.
    /// </summary>
    private static bool IsCanonical(ImmutableArray<TicketEvent> timeline)
    {
        if (timeline.IsDefaultOrEmpty || timeline[0].Kind != TicketEventKind.Created) return false;
        var events = timeline.AsSpan();
        for (var i = 1; i < events.Length; i++)
        {
            var e = events[i];
            if (e.Kind == TicketEventKind.Created || CanonicalOrder(events[i - 1], e) >= 0) return false;
        }
        // Two events with one id are duplicates even when their content differs: let the slow path decide.
        return !HasRepeatedId(events);
    }

    /// <summary>
    /// True when two events carry the same id. Every id is compared with every earlier one, but by hash code
    /// first: comparing the strings themselves was most of the cost of checking a stored timeline.
    /// </summary>
    private static bool HasRepeatedId(ReadOnlySpan<TicketEvent> events)
    {
        Span<int> hashes = events.Length <= 128 ? stackalloc int[events.Length] : new int[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var id = events[i].Id;
            if (id is null) continue; // its slot stays 0: a later id with that hash is compared with null, unequal
            var hash = hashes[i] = id.GetHashCode();
            for (var j = 0; j < i; j++)
            {
                if (hashes[j] == hash && events[j].Id == id) return true;
            }
        }
        return false;
    }

    /// <summary>The fields before any event: the ticket's current values, overridden by the Created event's.</summary>
    public static TicketFields InitialFields(Ticket ticket, TicketEvent created)
    {
        var fields = ticket.Fields;
        if (created.Fields is not null)
        {
            // Each entry sets a different field, so the order of the entries does not matter.
            foreach (var (field, value) in created.Fields)
            {
                if (TicketFieldNames.IsKnown(field)) fields = fields.With(field, value);
            }
        }
        return created.Status is { } status ? WithStatus(fields, status, created.StatusName) : fields;
    }

    /// <summary>Applies one event to the fields (messages, merges and deletes change no field).</summary>
    public static TicketFields Apply(TicketFields fields, TicketEvent e) => e.Kind switch
    {
        TicketEventKind.FieldChanged when e.Field is not null && TicketFieldNames.IsKnown(e.Field) => fields.With(e.Field, e.Value),
        TicketEventKind.StatusChanged when e.Status is { } status => WithStatus(fields, status, e.StatusName),
        _ => fields,
    };

    /// <summary>The fields with this status; the same instance when it already holds (no copy per repeated status).</summary>
    private static TicketFields WithStatus(TicketFields fields, StatusCategory status, string? statusName) =>
        fields.Status == status && fields.StatusName == statusName ? fields : fields with { Status = status, StatusName = statusName };

    private static int CanonicalOrder(TicketEvent a, TicketEvent b)
    {
        var c = a.At.CompareTo(b.At);
        if (c != 0) return c;
        c = Rank(a.Kind).CompareTo(Rank(b.Kind));
        if (c != 0) return c;
        c = a.Kind.CompareTo(b.Kind);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Field, b.Field);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Value, b.Value);
        if (c != 0) return c;
        c = Nullable.Compare(a.Status, b.Status);
        return c != 0 ? c : string.CompareOrdinal(a.StatusName, b.StatusName);
    }

    // At one instant: the ticket exists first, then its fields and status settle, then messages are
    // read against that state (a customer reply that reopens a solved ticket opens a response cycle;
    // an agent reply sent as solved starts no periodic-update cycle); merge and delete end everything last.
    private static int Rank(TicketEventKind kind) => kind switch
    {
        TicketEventKind.Created => 0,
        TicketEventKind.FieldChanged => 1,
        TicketEventKind.StatusChanged => 2,
        TicketEventKind.CustomerMessage => 3,
        TicketEventKind.AgentReply => 4,
        _ => 5,
    };
}
