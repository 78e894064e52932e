using MimeKit;
using NodaTime;
using SlaTimers.Testing.Processes;
using SlaTimers.Testing.Zendesk;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// Two worker processes with the same config on one PostgreSQL database, each writing to a pickup folder of its own,
/// so that a notification sent by both would show up twice. The stub answers exports slowly, so two overlapping
/// syncs of the helpdesk would show as two export requests in flight at once.
/// </summary>
public sealed class TwoWorkersTests(ITestOutputHelper output)
{
    private const int Tickets = 100;

    [Fact]
    public async Task TwoWorkersOnOneDatabase_DeliverEveryNotificationOnce_AndNeverSyncTheHelpdeskTwiceAtOnce()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", output);
        world.Stub.ExportDelay = TimeSpan.FromMilliseconds(300);
        var a = world.StartWorker("a");
        var b = world.StartWorker("b");
        foreach (var worker in (WorkerProcess[])[a, b])
        {
            Assert.True(await worker.WaitForLineAsync("Application started", E2eWorld.Patience), worker.Tail());
        }
        await world.WaitForSyncAsync(a, 2);

        // Created over the last 5 s: warnings in a 5 s burst from ~15 s on, breach notices ~20 s later.
        var start = E2eWorld.Now - Duration.FromSeconds(5);
        var tickets = world.PutTickets(3000, Tickets, i => start + Duration.FromMilliseconds(50 * i), "high");
        var expected = tickets.SelectMany(E2eConfig.Keys).ToHashSet();
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => n.State == "delivered") >= expected.Count,
            $"all {expected.Count} notifications delivered", a, describe: world.DescribeLedgerAsync);
        // A second send would come after the first was recorded: give it a moment to show.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var ledger = await world.Store.NotificationsAsync();
        Assert.Equal(expected.Order(), ledger.Select(n => n.Key).Order());
        Assert.All(ledger, n => Assert.Equal(("delivered", 1), (n.State, n.Attempts)));

        var byA = E2eWorld.Messages(world.Outbox("a"));
        var byB = E2eWorld.Messages(world.Outbox("b"));
        world.Log($"worker a wrote {byA.Count} messages, worker b {byB.Count}; at most {world.Stub.MaxInFlight(StubRoute.Export)} export(s) in flight at once "
                  + $"over {world.Stub.Count(StubRoute.Export)} exports");
        Assert.Empty(byA.Intersect(byB));
        Assert.Equal(expected.Select(E2eWorld.FileOf).Order(), byA.Concat(byB).Order());
        var messageIds = new List<string>();
        foreach (var (folder, files) in new[] { (world.Outbox("a"), byA), (world.Outbox("b"), byB) })
        {
            foreach (var file in files) messageIds.Add((await MimeMessage.LoadAsync(Path.Combine(folder, file))).MessageId ?? $"(none in {file})");
        }
        Assert.Equal(expected.Count, messageIds.Distinct().Count());

        Assert.Equal(1, world.Stub.MaxInFlight(StubRoute.Export));
        Assert.False(a.HasExited, a.Tail());
        Assert.False(b.HasExited, b.Tail());
    }
}
