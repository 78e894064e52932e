using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Tests.Support;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

/// <summary>
/// A page saved beside the previous page's save (<c>SavePageAfterAsync</c>): it commits only after that one, so the
/// cursor still moves page by page; it is lost with it; and while it waits it holds nothing another writer waits for.
/// PostgreSQL writes the page meanwhile; SQLite, one writer at a time, waits first.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SavePageAfter_CommitsOnlyAfterThePreviousPage_ThenWithItsCursor()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "b", Events("b", 2)))]), None);
        var previous = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var saving = Tickets.SavePageAfterAsync(
            Page(source, "c2", [Record(Ticket(source, "a", Events("a")), next: At(60)), Record(Ticket(source, "c", Events("c")))]), previous.Task, None);
        if (Fixture.Engine == StorageEngine.Postgres) await WaitForAWrittenTransactionWaitingAsync();
        else await Task.Delay(200);

        Assert.False(saving.IsCompleted, "the page was saved before the page before it");
        Assert.Equal("c1", (await Tickets.GetSyncStateAsync(source, None))?.Cursor);
        Assert.Empty(await Tickets.GetTicketsAsync([new TicketKey(source, "a"), new TicketKey(source, "c")], None));

        previous.SetResult();
        await saving.WaitAsync(Patience);

        Assert.Equal("c2", (await Tickets.GetSyncStateAsync(source, None))?.Cursor);
        var stored = await Tickets.GetTicketsAsync([new TicketKey(source, "a"), new TicketKey(source, "c")], None);
        Assert.Equal(5, stored[new TicketKey(source, "a")].Ticket.Timeline.Length);
        Assert.Equal(5, stored[new TicketKey(source, "c")].Ticket.Timeline.Length);
        var timer = Assert.Single(await Timers.GetUnscheduledAsync(At(100_000), 10_000, None), t => t.Ticket.Source == source);
        Assert.Equal((new TicketKey(source, "a"), At(60)), (timer.Ticket, timer.DueAt));
    }

    [Fact]
    public async Task SavePageAfter_WhenThePreviousPageFails_StoresNothingAndThrowsThatFailure()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "b", Events("b", 2)))]), None);
        var previous = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var saving = Tickets.SavePageAfterAsync(
            Page(source, "c2", [Record(Ticket(source, "a", Events("a")), next: At(60)), Record(Ticket(source, "c", Events("c")))],
                new RejectedTicket(source, "x", "broken", "{}")),
            previous.Task, None);
        if (Fixture.Engine == StorageEngine.Postgres) await WaitForAWrittenTransactionWaitingAsync();
        previous.SetException(new TimeoutException("the previous page's commit never came"));

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => saving.WaitAsync(Patience));
        Assert.Equal("the previous page's commit never came", failure.Message);
        await AssertPageWasNotWrittenAsync(source);
    }

    [Fact]
    public async Task SavePageAfter_APageWithAStoredTicket_HoldsNoLockOnItWhileItWaits()
    {
        var source = NewSource();
        var key = new TicketKey(source, "b");
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "b", Events("b", 2)))]), None);
        var read = await GetRequiredAsync(key);
        var previous = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var saving = Tickets.SavePageAfterAsync(
            Page(source, "c2", [Record(Ticket(source, "b", Events("b", 4)) with { Subject = "page 2" }), Record(Ticket(source, "a", Events("a")))]),
            previous.Task, None);
        await Task.Delay(200); // time for the page to reach the stored ticket's row

        // A re-evaluation of the stored ticket is not held up by the page waiting for the one before it.
        Assert.Empty(await Tickets.SaveEvaluationsAsync([read with { EvaluatedAt = At(200) }], None).WaitAsync(Patience));
        Assert.False(saving.IsCompleted, "the page was saved before the page before it");

        previous.SetResult();
        await saving.WaitAsync(Patience);
        var stored = await GetRequiredAsync(key);
        Assert.Equal(("page 2", 4, 3L), (stored.Ticket.Subject, stored.Ticket.Timeline.Length, stored.Version));
        Assert.NotNull(await GetAsync(new TicketKey(source, "a")));
        Assert.Equal("c2", (await Tickets.GetSyncStateAsync(source, None))?.Cursor);
    }

    /// <summary>
    /// PostgreSQL: until a transaction of this database that has written (it has a transaction id) sits idle, waiting
    /// for its client — the page written, waiting for the previous one. Tests of one class run one at a time.
    /// </summary>
    private async Task WaitForAWrittenTransactionWaitingAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var waiting = await Fixture.QueryAsync<long>(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND state = 'idle in transaction' AND backend_xid IS NOT NULL
                """);
            if (waiting[0] > 0) return;
            if (deadline.IsCancellationRequested) throw new Xunit.Sdk.XunitException("no page was written while it waited for the one before it");
            await Task.Delay(20, None);
        }
    }
}
