using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Records;

/// <summary>
/// The union of a stored timeline and the events a page brings: an event is new when no kept event has
/// its <see cref="TicketEvent.Id"/>, or (without an id) the same value — as the domain de-duplicates
/// (<see cref="TimelineReplay"/>). Stored events keep their order; new ones are appended in page order, so
/// a page read twice adds nothing.
/// </summary>
internal static class TimelineMerge
{
    /// <summary>
    /// The stored timeline's JSON merged with a page's events, as JSON. A re-read page (the stored text again)
    /// and a page that brings the stored events followed by new ones (the stored text as its prefix) need no
    /// parsing of what is stored: their own events are the union.
    /// </summary>
    public static string MergeJson(string? stored, IReadOnlyList<TicketEvent> incoming)
    {
        var page = EventDocument.Serialize(Union([], incoming));
        if (stored is null or "[]" || stored == page || ExtendsStored(page, stored)) return page;
        return EventDocument.Serialize(Union(EventDocument.Deserialize(stored), incoming));
    }

    // "[a,b]" stored, "[a,b,c]" read: the page's first elements are the stored ones, text for text.
    private static bool ExtendsStored(string page, string stored) =>
        page.Length > stored.Length && page[stored.Length - 1] == ',' && page.AsSpan().StartsWith(stored.AsSpan(0, stored.Length - 1), StringComparison.Ordinal);

    public static List<TicketEvent> Union(IEnumerable<TicketEvent> stored, IEnumerable<TicketEvent> incoming)
    {
        var merged = new List<TicketEvent>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<TicketEvent>(EventValue.Comparer);
        foreach (var e in stored.Concat(incoming))
        {
            if (e.Id is not null ? ids.Add(e.Id) : values.Add(e)) merged.Add(e);
        }
        return merged;
    }

    /// <summary>The value of an id-less event: the same fields <see cref="TimelineReplay"/> compares.</summary>
    private sealed class EventValue : IEqualityComparer<TicketEvent>
    {
        public static readonly EventValue Comparer = new();

        public bool Equals(TicketEvent? x, TicketEvent? y) =>
            x is not null && y is not null && x.At == y.At && x.Kind == y.Kind && x.Field == y.Field && x.Value == y.Value
            && x.Status == y.Status && x.StatusName == y.StatusName;

        public int GetHashCode(TicketEvent e) => HashCode.Combine(e.At, e.Kind, e.Field, e.Value, e.Status);
    }
}
