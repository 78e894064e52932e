using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>
/// A ticket store with hooks: one that runs before each save of an evaluation (given how many saves came before it) —
/// the moment a sync page can commit between an evaluator's read and its save — one before each page is saved, and
/// one before each read of stored tickets (a sync page's, before it is built).
/// </summary>
public sealed class InterruptedTicketStore(
    ITicketStore inner,
    Func<int, Task>? beforeSave = null,
    Func<SyncPageWrite, Task>? beforePage = null,
    Action<IReadOnlyCollection<TicketKey>>? beforeGet = null) : ITicketStore
{
    private int _saves;

    public Task<IReadOnlyDictionary<TicketKey, TicketRecord>> GetTicketsAsync(IReadOnlyCollection<TicketKey> keys, CancellationToken cancellationToken)
    {
        beforeGet?.Invoke(keys);
        return inner.GetTicketsAsync(keys, cancellationToken);
    }

    public async Task SavePageAsync(SyncPageWrite page, CancellationToken cancellationToken)
    {
        if (beforePage is not null) await beforePage(page);
        await inner.SavePageAsync(page, cancellationToken);
    }

    public async Task<IReadOnlyList<TicketKey>> SaveEvaluationsAsync(IReadOnlyCollection<TicketRecord> tickets, CancellationToken cancellationToken)
    {
        var before = _saves++;
        if (beforeSave is not null) await beforeSave(before);
        return await inner.SaveEvaluationsAsync(tickets, cancellationToken);
    }

    public Task<SyncState?> GetSyncStateAsync(string source, CancellationToken cancellationToken) => inner.GetSyncStateAsync(source, cancellationToken);

    public Task RecordSyncFailureAsync(string source, Instant at, string error, CancellationToken cancellationToken) =>
        inner.RecordSyncFailureAsync(source, at, error, cancellationToken);

    public Task<IReadOnlyList<TicketRecord>> GetOpenTicketsAsync(TicketKey? after, int limit, CancellationToken cancellationToken) =>
        inner.GetOpenTicketsAsync(after, limit, cancellationToken);
}
