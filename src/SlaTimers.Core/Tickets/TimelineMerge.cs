using System.Collections.Immutable;

namespace SlaTimers.Core.Tickets;

/// <summary>
/// The union of a stored timeline and the events a page brings, de-duplicated exactly as
/// <see cref="TimelineReplay.Normalize"/> does: an event with an <see cref="TicketEvent.Id"/> is new when no kept
/// event has that id (a later copy of the same event is ignored, so a page read twice adds nothing); an event
/// without an id is new when no kept event has the same value (<see cref="TimelineEventValue"/>: instant, kind,
/// field, value, status and status name; not the Created event's initial fields). An event with an id and one
/// without are never the same. Stored events come first and keep their order; new ones follow in page order
/// (<see cref="TimelineReplay.Normalize"/> puts them in canonical order). Because both use one rule and both keep
/// the first of equals, normalizing the union gives the same timeline as normalizing the two timelines one after
/// the other.
/// </summary>
public static class TimelineMerge
{
    public static ImmutableArray<TicketEvent> Union(IEnumerable<TicketEvent> stored, IEnumerable<TicketEvent> incoming)
    {
        var capacity = stored.TryGetNonEnumeratedCount(out var s) && incoming.TryGetNonEnumeratedCount(out var i) ? s + i : 0;
        var merged = ImmutableArray.CreateBuilder<TicketEvent>(capacity);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        HashSet<TicketEvent>? values = null; // most connectors give every event an id
        Add(stored);
        Add(incoming);
        // Without duplicates the builder is full and its array becomes the result as is.
        return merged.DrainToImmutable();

        void Add(IEnumerable<TicketEvent> events)
        {
            foreach (var e in events)
            {
                if (e.Id is not null ? ids.Add(e.Id) : (values ??= new(TimelineEventValue.Comparer)).Add(e)) merged.Add(e);
            }
        }
    }
}
