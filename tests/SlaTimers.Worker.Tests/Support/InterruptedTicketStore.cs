using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>
/// A ticket store, with a hook that runs before each save of an evaluation (given how many saves came before it): the
/// moment a sync page can commit between an evaluator's read and its save.
/// </summary>
public sealed class InterruptedTicketStore(ITicketStore inner, Func<int, Task> beforeSave) : ITicketStore
{
    private int _saves;

    public Task<IReadOnlyDictionary<TicketKey, TicketRecord>> GetTicketsAsync(IReadOnlyCollection<TicketKey> keys, CancellationToken cancellationToken) =>
        inner.GetTicketsAsync(keys, cancellationToken);

    public Task SavePageAsync(SyncPageWrite page, CancellationToken cancellationToken) => inner.SavePageAsync(page, cancellationToken);

    public async Task<IReadOnlyList<TicketKey>> SaveEvaluationsAsync(IReadOnlyCollection<TicketRecord> tickets, CancellationToken cancellationToken)
    {
        await beforeSave(_saves++);
        return await inner.SaveEvaluationsAsync(tickets, cancellationToken);
    }

    public Task<SyncState?> GetSyncStateAsync(string source, CancellationToken cancellationToken) => inner.GetSyncStateAsync(source, cancellationToken);

    public Task RecordSyncFailureAsync(string source, Instant at, string error, CancellationToken cancellationToken) =>
        inner.RecordSyncFailureAsync(source, at, error, cancellationToken);

    public Task<IReadOnlyList<TicketRecord>> GetOpenTicketsAsync(TicketKey? after, int limit, CancellationToken cancellationToken) =>
        inner.GetOpenTicketsAsync(after, limit, cancellationToken);
}
