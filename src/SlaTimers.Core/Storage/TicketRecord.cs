using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Storage;

/// <summary>
/// A stored ticket: the ticket with its whole merged timeline, when SlaTimers first saw it, its clocks as
/// last evaluated, and the instant of its earliest pending checkpoint (the timer it needs; null: none).
/// </summary>
public sealed record TicketRecord(
    Ticket Ticket,
    Instant FirstSeen,
    Instant EvaluatedAt,
    ImmutableArray<Clock> Clocks,
    Instant? NextCheckpointAt)
{
    public TicketKey Key => TicketKey.Of(Ticket);
}

/// <summary>What one sync page stores, atomically: tickets, quarantined payloads and the new cursor.</summary>
public sealed record SyncPageWrite(
    string Source,
    string? NextCursor,
    Instant SyncedAt,
    ImmutableArray<TicketRecord> Tickets,
    ImmutableArray<Sync.RejectedTicket> Rejected);

/// <summary>A helpdesk's sync position and health.</summary>
public sealed record SyncState(string Source, string? Cursor, Instant? LastSuccess, Instant? LastAttempt, string? LastError);
