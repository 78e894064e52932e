namespace SlaTimers.Core.Tickets;

/// <summary>
/// What identifies an event without an id, for <see cref="TimelineReplay"/> and <see cref="TimelineMerge"/>: its
/// instant, kind, field, value, status and status name (the fields the canonical order compares after the id).
/// A Created event's initial <see cref="TicketEvent.Fields"/> are not part of it: a timeline keeps one Created
/// event, the first of the earliest, so a second one at the same instant is dropped whatever fields it carries.
/// </summary>
internal sealed class TimelineEventValue : IEqualityComparer<TicketEvent>
{
    public static readonly TimelineEventValue Comparer = new();

    private TimelineEventValue() { }

    public bool Equals(TicketEvent? x, TicketEvent? y) =>
        x is not null && y is not null && x.At == y.At && x.Kind == y.Kind && x.Field == y.Field && x.Value == y.Value
        && x.Status == y.Status && x.StatusName == y.StatusName;

    public int GetHashCode(TicketEvent e) => HashCode.Combine(e.At, e.Kind, e.Field, e.Value, e.Status);
}
