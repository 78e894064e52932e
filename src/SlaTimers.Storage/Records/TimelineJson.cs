using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Records;

/// <summary>
/// The <c>timeline</c> column of a ticket a page brings: the stored JSON merged with the page's events
/// (<see cref="TimelineMerge"/>, the union the sync and the domain use), with two text shortcuts for the sync's
/// hot path.
/// </summary>
internal static class TimelineJson
{
    /// <summary>
    /// The stored timeline's JSON merged with a page's events, as JSON. A re-read page (the stored text again)
    /// and a page that brings the stored events followed by new ones (the stored text as its prefix) need no
    /// parsing of what is stored: their own events are the union.
    /// </summary>
    public static string MergeJson(string? stored, IReadOnlyList<TicketEvent> incoming)
    {
        var page = EventDocument.Serialize(TimelineMerge.Union([], incoming));
        if (stored is null or "[]" || stored == page || ExtendsStored(page, stored)) return page;
        return EventDocument.Serialize(TimelineMerge.Union(EventDocument.Deserialize(stored), incoming));
    }

    // "[a,b]" stored, "[a,b,c]" read: the page's first elements are the stored ones, text for text.
    private static bool ExtendsStored(string page, string stored) =>
        page.Length > stored.Length && page[stored.Length - 1] == ',' && page.AsSpan().StartsWith(stored.AsSpan(0, stored.Length - 1), StringComparison.Ordinal);
}
