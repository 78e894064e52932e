using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Tickets;

/// <summary>
/// One event on a ticket's timeline. <see cref="Id"/> is the source's identity of the event (audit id and
/// index) so a page read twice adds nothing; events without one are de-duplicated by value.
/// </summary>
public sealed record TicketEvent
{
    public required Instant At { get; init; }
    public required TicketEventKind Kind { get; init; }
    public string? Id { get; init; }

    /// <summary>For <see cref="TicketEventKind.FieldChanged"/>: the field's configuration name.</summary>
    public string? Field { get; init; }

    /// <summary>For <see cref="TicketEventKind.FieldChanged"/>: the new value (null clears it).</summary>
    public string? Value { get; init; }

    /// <summary>For <see cref="TicketEventKind.StatusChanged"/> (and optionally Created): the new status.</summary>
    public StatusCategory? Status { get; init; }

    /// <summary>The helpdesk's own name of the new status.</summary>
    public string? StatusName { get; init; }

    /// <summary>For <see cref="TicketEventKind.Created"/>: initial field values that later events change.</summary>
    public ImmutableDictionary<string, string>? Fields { get; init; }

    public static TicketEvent Created(Instant at, StatusCategory status = StatusCategory.New, IReadOnlyDictionary<string, string>? fields = null, string? id = null) =>
        new() { At = at, Kind = TicketEventKind.Created, Status = status, Fields = fields?.ToImmutableDictionary(), Id = id };

    public static TicketEvent FieldChange(Instant at, string field, string? value, string? id = null) =>
        new() { At = at, Kind = TicketEventKind.FieldChanged, Field = field, Value = value, Id = id };

    public static TicketEvent StatusChange(Instant at, StatusCategory status, string? statusName = null, string? id = null) =>
        new() { At = at, Kind = TicketEventKind.StatusChanged, Status = status, StatusName = statusName, Id = id };

    public static TicketEvent Reply(Instant at, string? id = null) => new() { At = at, Kind = TicketEventKind.AgentReply, Id = id };

    public static TicketEvent CustomerWrote(Instant at, string? id = null) => new() { At = at, Kind = TicketEventKind.CustomerMessage, Id = id };

    public static TicketEvent Merge(Instant at, string? id = null) => new() { At = at, Kind = TicketEventKind.Merged, Id = id };

    public static TicketEvent Delete(Instant at, string? id = null) => new() { At = at, Kind = TicketEventKind.Deleted, Id = id };
}
