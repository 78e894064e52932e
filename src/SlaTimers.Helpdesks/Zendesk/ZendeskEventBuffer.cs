using System.Text.Json;
using NodaTime;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// The ticket-events stream of one helpdesk, read without a gap from <see cref="CoveredFrom"/> up to
/// <see cref="ReadTo"/>, kept per ticket until the export lists that ticket (<see cref="Take"/>). The export lists a
/// ticket at its latest change and the stream lists events when they happened, so the events read for one export
/// page also hold events of tickets that come only on later pages: those wait here. Kept in this process only: a
/// cursor whose events position is not <see cref="ReadTo"/> (a retried page, another instance's run, a restart) starts
/// the buffer again there, and tickets created before that are read from their audits.
/// <para>
/// Memory: an event keeps what <see cref="ZendeskTimeline"/> reads, with field names, values and types shared (a
/// backfill holds most of an account's events at its peak). Past <see cref="_limit"/> events the buffer is dropped and
/// covers again from where it was read to.
/// </para>
/// </summary>
internal sealed class ZendeskEventBuffer(int limit)
{
    private const int MaxSharedValues = 100_000;

    private readonly int _limit = limit;
    private readonly object _gate = new();
    private readonly Dictionary<long, List<ZendeskAudit>> _byTicket = [];
    private readonly Dictionary<(JsonValueKind, string), ZendeskValue> _values = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Where the unbroken read began (unix seconds): a ticket created before it may have events it never saw.</summary>
    public long CoveredFrom { get; private set; } = long.MinValue;

    /// <summary>Where the next read of the stream starts (unix seconds, inclusive); null before the first.</summary>
    public long? ReadTo { get; private set; }

    /// <summary>Events kept.</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>How often the buffer was dropped for its limit (since start).</summary>
    public int Overflows { get; private set; }

    /// <summary>Continues from <paramref name="position"/>: kept as it is when that is where it was read to, else started again there.</summary>
    /// <returns>False when it started again.</returns>
    public bool Follow(long position)
    {
        lock (_gate)
        {
            if (ReadTo == position) return true;
            Restart(position);
            return false;
        }
    }

    /// <summary>Adds a page's events and moves <see cref="ReadTo"/> to <paramref name="next"/>. Events seen already are skipped.</summary>
    /// <returns>False when the limit was passed and the buffer started again at <paramref name="next"/>.</returns>
    public bool Add(IEnumerable<ZendeskTicketEvent> page, long next)
    {
        lock (_gate)
        {
            foreach (var e in page)
            {
                if (e.TicketId is not { } ticket || e.Timestamp is not { } seconds) continue; // no use to any ticket
                if (!_byTicket.TryGetValue(ticket, out var audits)) _byTicket[ticket] = audits = new List<ZendeskAudit>(4);
                if (Contains(audits, e.Id, seconds)) continue;
                audits.Add(Keep(e, seconds));
                _count++;
            }
            ReadTo = next;
            if (_count <= _limit) return true;
            Overflows++;
            Restart(next);
            return false;
        }
    }

    /// <summary>The ticket's events, oldest first, removed from the buffer; null when it has none.</summary>
    public List<ZendeskAudit>? Take(long ticketId)
    {
        lock (_gate)
        {
            if (!_byTicket.Remove(ticketId, out var audits)) return null;
            _count -= audits.Count;
            audits.Sort((a, b) => a.At != b.At ? a.At!.Value.CompareTo(b.At!.Value) : a.Id.CompareTo(b.Id));
            return audits;
        }
    }

    private void Restart(long position)
    {
        _byTicket.Clear();
        _values.Clear();
        _count = 0;
        CoveredFrom = position;
        ReadTo = position;
    }

    /// <summary>Pages overlap by the second they meet at: an event of that second may come again.</summary>
    private static bool Contains(List<ZendeskAudit> audits, long id, long seconds)
    {
        var at = Instant.FromUnixTimeSeconds(seconds);
        for (var i = audits.Count - 1; i >= 0 && audits[i].At >= at; i--)
        {
            if (audits[i].Id == id) return true;
        }
        return false;
    }

    private ZendeskAudit Keep(ZendeskTicketEvent e, long seconds)
    {
        var children = e.ChildEvents ?? [];
        var events = new List<ZendeskAuditEvent>(children.Count);
        foreach (var child in children)
        {
            events.Add(new ZendeskAuditEvent
            {
                Id = child.Id,
                Type = Shared(child.EventType),
                FieldName = Shared(child.FieldName),
                Value = Shared(child.Value),
                Public = child.Public,
                AuthorId = child.AuthorId,
            });
        }
        return new ZendeskAudit { Id = e.Id, At = Instant.FromUnixTimeSeconds(seconds), AuthorId = e.UpdaterId, Events = events };
    }

    private string? Shared(string? type)
    {
        if (type is null) return null;
        if (_types.TryGetValue(type, out var kept)) return kept;
        if (_types.Count < 64) _types[type] = type;
        return type;
    }

    /// <summary>Field names and scalar values repeat across events (statuses, priorities, group ids): one object each.</summary>
    private ZendeskValue? Shared(ZendeskValue? value)
    {
        if (value is not { Kind: JsonValueKind.String or JsonValueKind.Number, Scalar: { Length: <= 64 } scalar }) return value;
        if (_values.TryGetValue((value.Kind, scalar), out var kept)) return kept;
        if (_values.Count < MaxSharedValues) _values[(value.Kind, scalar)] = value;
        return value;
    }
}
