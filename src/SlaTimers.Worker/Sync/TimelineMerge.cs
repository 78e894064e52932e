using System.Collections.Immutable;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Sync;

/// <summary>
/// The union of a stored timeline and the events a page brings. An event with an <see cref="TicketEvent.Id"/> is
/// new when no kept event has that id (a later copy of the same event is ignored, so a page read twice adds
/// nothing); an event without an id is new when no kept event has the same value. Stored events come first
/// and keep their order; new ones follow in page order (clock evaluation orders the timeline by instant).
/// </summary>
public static class TimelineMerge
{
    public static ImmutableArray<TicketEvent> Union(IEnumerable<TicketEvent> stored, IEnumerable<TicketEvent> incoming)
    {
        var merged = ImmutableArray.CreateBuilder<TicketEvent>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<TicketEvent>(EventValue.Comparer);
        foreach (var e in stored.Concat(incoming))
        {
            if (e.Id is not null ? ids.Add(e.Id) : values.Add(e)) merged.Add(e);
        }
        return merged.ToImmutable();
    }

    /// <summary>What identifies an event without an id: when, what kind, and what it set.</summary>
    private sealed class EventValue : IEqualityComparer<TicketEvent>
    {
        public static readonly EventValue Comparer = new();

        public bool Equals(TicketEvent? x, TicketEvent? y) =>
            x is not null && y is not null && x.At == y.At && x.Kind == y.Kind && x.Field == y.Field && x.Value == y.Value
            && x.Status == y.Status && x.StatusName == y.StatusName && SameFields(x.Fields, y.Fields);

        public int GetHashCode(TicketEvent e) => HashCode.Combine(e.At, e.Kind, e.Field, e.Value, e.Status, e.StatusName);

        private static bool SameFields(ImmutableDictionary<string, string>? x, ImmutableDictionary<string, string>? y) =>
            (x is null || x.Count == 0) ? (y is null || y.Count == 0)
            : y is not null && x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
