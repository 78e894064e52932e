using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Records;

/// <summary>
/// The tickets of a page, one entry per ticket key in key order (a ticket given twice keeps its last record
/// and the events of both), ready to merge with what is stored. Key order makes concurrent writers lock
/// rows in the same order.
/// </summary>
internal sealed class PageTickets
{
    private PageTickets(List<PageTicket> tickets) => Tickets = tickets;

    public IReadOnlyList<PageTicket> Tickets { get; }

    public static PageTickets From(IEnumerable<TicketRecord> records)
    {
        var byKey = new Dictionary<TicketKey, PageTicket>();
        foreach (var record in records)
        {
            var key = record.Key;
            byKey[key] = byKey.TryGetValue(key, out var earlier)
                ? new PageTicket(key, record, [.. earlier.Events, .. EventsOf(record)])
                : new PageTicket(key, record, EventsOf(record));
        }
        var tickets = byKey.Values.ToList();
        tickets.Sort((a, b) => KeyOrder.Compare(a.Key, b.Key));
        return new PageTickets(tickets);
    }

    private static IReadOnlyList<TicketEvent> EventsOf(TicketRecord record) =>
        record.Ticket.Timeline.IsDefault ? [] : record.Ticket.Timeline;
}

/// <summary>A ticket of a page: its record and every event the page brought for it.</summary>
internal sealed record PageTicket(TicketKey Key, TicketRecord Record, IReadOnlyList<TicketEvent> Events);

/// <summary>The order of ticket keys in both engines: ordinal by source, then by external id.</summary>
internal static class KeyOrder
{
    public static int Compare(TicketKey a, TicketKey b)
    {
        var c = string.CompareOrdinal(a.Source, b.Source);
        return c != 0 ? c : string.CompareOrdinal(a.ExternalId, b.ExternalId);
    }
}
