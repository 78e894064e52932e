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

    /// <summary>
    /// The stored row's version when this record was read: every write of the ticket (a sync page, a saved evaluation)
    /// moves it on, so an evaluation made from this record is saved only while nothing newer was written
    /// (<see cref="ITicketStore.SaveEvaluationsAsync"/>). Stored tickets start at 1; 0 is a record not read from the store.
    /// A sync page ignores it: the page is the newer state.
    /// </summary>
    public long Version { get; init; }
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
