using System.Diagnostics;
using NodaTime;
using SlaTimers.Testing.Zendesk;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// The worker process killed (SIGKILL) in the middle of a burst of due notifications, then started again on the same
/// store: every notification is delivered, none is lost and none is written twice. Each engine runs it (subclasses).
/// </summary>
/// <remarks>
/// On PostgreSQL a kill that lands while the worker holds one of Hangfire's own locks (a job's state lock, the
/// delayed-job scheduler's) leaves the lock row behind; <c>Hangfire:DistributedLockLifetime</c> (30 s) bounds how
/// long it holds up the restarted worker, where Hangfire.PostgreSql's default would stall it for 10 minutes.
/// </remarks>
public abstract class CrashRecoveryScenarios(string engine, ITestOutputHelper output)
{
    private const int Tickets = 100; // two notifications each: a warning 20 s after creation, a breach notice 40 s after

    /// <summary>A killed worker's claims (30 s) and fetched jobs (1 min) expire, then the maintenance sweep (every minute) runs.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task KilledMidBurst_AfterARestart_EveryNotificationIsDeliveredExactlyOnce()
    {
        await using var world = await E2eWorld.CreateAsync(engine, output);
        var outbox = world.Outbox("shared");
        var first = world.StartWorker("worker-1", outbox);
        await world.WaitForSyncAsync(first);

        // Created over the last 5 s: the warnings come due in a 5 s burst from ~15 s on, the breach notices ~20 s later.
        var start = E2eWorld.Now - Duration.FromSeconds(5);
        var tickets = world.PutTickets(1000, Tickets, i => start + Duration.FromMilliseconds(50 * i), "high");
        var expected = tickets.SelectMany(E2eConfig.Keys).ToHashSet();

        var killAt = expected.Count / 3;
        var watch = Stopwatch.StartNew();
        while (E2eWorld.Messages(outbox).Count < killAt)
        {
            Assert.False(first.HasExited, first.Tail());
            Assert.True(watch.Elapsed < E2eWorld.Patience, $"Not {killAt} messages within {E2eWorld.Patience}: {E2eWorld.Messages(outbox).Count}.\n{first.Tail()}");
            await Task.Delay(20);
        }
        await first.KillAsync();
        world.Log($"killed {first.Name} with {E2eWorld.Messages(outbox).Count} of {expected.Count} messages written");

        var second = world.StartWorker("worker-2", outbox);
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Count(n => n.State == "delivered") >= expected.Count,
            $"all {expected.Count} notifications delivered", second, Recovery,
            async () => $"missing from the ledger: {string.Join(", ", expected.Except((await world.Store.NotificationsAsync()).Select(n => n.Key)).Take(20))}\n"
                        + await world.DescribeLedgerAsync());

        var ledger = await world.Store.NotificationsAsync();
        Assert.Equal(expected.Order(), ledger.Select(n => n.Key).Order());
        Assert.All(ledger, n => Assert.Equal("delivered", n.State));
        Assert.Equal(expected.Select(E2eWorld.FileOf).Order(), E2eWorld.Messages(outbox).Order());

        // A notification claimed by the killed worker is claimed once more after its lease: that send may repeat the
        // killed one (same file, same Message-Id), which is as close to exactly-once as a crash between a send and its
        // record allows. Only notifications in flight at the kill may need it: at most one per Hangfire worker.
        var again = ledger.Where(n => n.Attempts > 1).ToList();
        world.Log($"{again.Count} notifications needed a second claim: {string.Join(", ", again.Select(n => $"{n.Key}×{n.Attempts}"))}");
        Assert.All(ledger, n => Assert.InRange(n.Attempts, 1, 2));
        Assert.True(again.Count <= 10, $"{again.Count} notifications were claimed twice; only those in flight at the kill (at most 10) should be.");
        Assert.False(second.HasExited, second.Tail());
    }
}

public sealed class PostgresCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryScenarios("postgres", output);

public sealed class SqliteCrashRecoveryTests(ITestOutputHelper output) : CrashRecoveryScenarios("sqlite", output);
