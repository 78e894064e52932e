using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Storage;

/// <summary>Tickets, their timelines and clocks, and each helpdesk's sync cursor.</summary>
public interface ITicketStore
{
    Task<IReadOnlyDictionary<TicketKey, TicketRecord>> GetTicketsAsync(IReadOnlyCollection<TicketKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a page in ONE transaction: every ticket (timeline merged, clocks and next checkpoint replaced),
    /// every rejected payload in quarantine, and the cursor — which so never moves past unstored data.
    /// </summary>
    Task SavePageAsync(SyncPageWrite page, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the clocks and next checkpoint of tickets re-evaluated outside a sync (timer, config reload), in ONE
    /// transaction — each only while the ticket is still at the <see cref="TicketRecord.Version"/> it was read at. A ticket
    /// written since (a sync page committed between the caller's read and this save, or another evaluation) is skipped,
    /// its stored clocks and next checkpoint untouched: an evaluation of the older state must never overwrite the newer one.
    /// </summary>
    /// <returns>
    /// The tickets skipped as stale, in key order (empty: every evaluation was saved). The caller reads them again to
    /// evaluate the newer state, or leaves them to it.
    /// </returns>
    /// <exception cref="InvalidOperationException">A ticket is not stored at all (a caller's mistake); nothing is written.</exception>
    Task<IReadOnlyList<TicketKey>> SaveEvaluationsAsync(IReadOnlyCollection<TicketRecord> tickets, CancellationToken cancellationToken);

    Task<SyncState?> GetSyncStateAsync(string source, CancellationToken cancellationToken);

    Task RecordSyncFailureAsync(string source, Instant at, string error, CancellationToken cancellationToken);

    /// <summary>Open tickets (with any open clock), for re-evaluation after a configuration change; paged by key.</summary>
    Task<IReadOnlyList<TicketRecord>> GetOpenTicketsAsync(TicketKey? after, int limit, CancellationToken cancellationToken);
}
