using System.Diagnostics;
using NodaTime;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// PostgreSQL going away, through a TCP forwarder the test stops and starts (the port refuses connections and open
/// ones are reset, as when the server or the network is down): down when the worker starts, and down for 30 s while
/// it runs with warnings coming due. The worker says so, waits, and carries on by itself; nothing is lost.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DatabaseDownAtStart_TheWorkerSaysSoAndRetries_ThenStartsWhenItComesUp()
    {
        await using var world = await E2eWorld.CreateAsync(async _ => await PostgresE2eStore.CreateAsync(forwarded: true, running: false), output);
        var database = ((PostgresE2eStore)world.Store).Forwarder;
        var worker = world.StartWorker("w");

        // "Storage (postgres) is not reachable (…); the worker waits for it and tries again in … (attempt n)."
        Assert.True(await worker.WaitForLineAsync(l => l.Contains("is not reachable", StringComparison.Ordinal) && l.Contains("attempt 2", StringComparison.Ordinal),
            E2eWorld.Patience), $"No clear line about the unreachable database, or no retry.\n{worker.Tail()}");
        Assert.False(worker.HasExited, worker.Tail());
        Assert.DoesNotContain(worker.Lines, l => l.Text.Contains("Username=", StringComparison.OrdinalIgnoreCase)); // never the connection string

        database.Start();
        world.Log("database up");
        Assert.True(await worker.WaitForLineAsync("is reachable after", E2eWorld.Patience), worker.Tail());
        await world.WaitForSyncAsync(worker);

        var tickets = world.PutTickets(4000, 3, _ => E2eWorld.Now, "urgent");
        var expected = tickets.SelectMany(E2eConfig.Keys).ToHashSet();
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => n.State == "delivered") == expected.Count,
            "the warnings and breach notices of 3 tickets after the late start", worker, describe: world.DescribeLedgerAsync);
        Assert.Equal(expected.Order(), (await world.Store.NotificationsAsync()).Select(n => n.Key).Order());
    }

    [Fact]
    public async Task DatabaseAwayFor30sWhileRunning_TheWorkerRecoversByItself_WarningsDueMeanwhileAreSentLateOnce()
    {
        await using var world = await E2eWorld.CreateAsync(async _ => await PostgresE2eStore.CreateAsync(forwarded: true), output);
        var database = ((PostgresE2eStore)world.Store).Forwarder;
        var worker = world.StartWorker("w");
        await world.WaitForSyncAsync(worker);

        // 20 high tickets: warnings 20 s after creation (within the outage), breach notices 40 s after (just after
        // it, while the worker catches up); two normal tickets' warnings 60 s after (on time again).
        var created = E2eWorld.Now;
        var during = world.PutTickets(5000, 20, _ => created, "high");
        var after = world.PutTickets(5100, 2, _ => created, "normal");
        var expected = during.SelectMany(E2eConfig.Keys).Concat(after.Select(t => E2eConfig.Key(t.Id, E2eConfig.Warning))).ToHashSet();
        await world.EventuallyAsync(async () => await world.Store.TicketCountAsync() == 22 && await world.Store.JobCountAsync("Scheduled", "TimerJob") >= 22,
            "22 tickets stored with their timers", worker);

        database.Stop();
        var down = Stopwatch.StartNew();
        var outageStart = E2eWorld.Now;
        world.Log("database down");
        while (down.Elapsed < Outage)
        {
            Assert.False(worker.HasExited, $"The worker exited during the outage.\n{worker.Tail()}");
            await Task.Delay(500);
        }
        database.Start();
        var outageEnd = E2eWorld.Now;
        world.Log("database up");

        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => expected.Contains(n.Key) && n.State == "delivered") == expected.Count,
            $"all {expected.Count} notifications delivered after the outage", worker, TimeSpan.FromSeconds(120), world.DescribeLedgerAsync);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a repeat would come now

        // The normal tickets' breach notices (2 min after creation) may have come too; nothing else may.
        var ledger = (await world.Store.NotificationsAsync()).Where(n => expected.Contains(n.Key)).ToList();
        Assert.Equal(expected.Count, ledger.Count);
        Assert.All(ledger, n => Assert.Equal(("delivered", 1), (n.State, n.Attempts)));
        var late = ledger.Where(n => n.DueAt > outageStart && n.DueAt < outageEnd).ToList();
        Assert.True(late.Count >= during.Count, $"Only {late.Count} notifications came due during the outage: the setup took too long to test it.");
        Assert.All(late, n => Assert.True(n.DeliveredAt >= outageEnd, $"{n.Key} was due during the outage but delivered at {n.DeliveredAt}"));
        var recovery = late.Max(n => n.DeliveredAt!.Value) - outageEnd;
        world.Log($"the notifications due during the outage were all delivered {recovery.TotalSeconds:0.0} s after it ended");
        Assert.False(worker.HasExited, worker.Tail());
    }
}
