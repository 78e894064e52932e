using NodaTime;
using SlaTimers.Testing.Zendesk;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// The worker killed while its sync run holds the helpdesk's cluster-wide lock (the stub keeps the export request
/// waiting): the lock dies with its holder, so after a restart the sync goes on within a minute. Each engine runs it.
/// </summary>
public abstract class SyncCrashScenarios(string engine, ITestOutputHelper output)
{
    /// <summary>A few poll intervals, plus SQLite's lock lifetime (30 s): a lock must not outlive a dead holder by more.</summary>
    private static readonly TimeSpan Resume = TimeSpan.FromSeconds(60);

    protected ITestOutputHelper Output { get; } = output;

    [Fact]
    public async Task KilledDuringASync_AfterARestart_TheSyncResumesWithinAMinute()
    {
        await using var world = await E2eWorld.CreateAsync(engine, Output);
        var first = world.StartWorker("worker-1");
        await world.WaitForSyncAsync(first);

        world.Stub.HoldExports();
        await world.EventuallyAsync(() => Task.FromResult(world.Stub.InFlight(StubRoute.Export) == 1), "a sync run waiting for its export", first);
        await first.KillAsync();
        world.Stub.ReleaseExports();
        world.Log($"killed {first.Name} in the middle of a sync run");

        // A ticket whose warning is a minute away: the next sync must store it, and its timer then sends it.
        var ticket = world.PutTickets(2000, 1, _ => E2eWorld.Now, "normal").Single();
        var second = world.StartWorker("worker-2");
        var restarted = DateTime.UtcNow;
        await world.EventuallyAsync(async () => await world.Store.TicketCountAsync() == 1,
            $"the restarted worker's sync to store ticket {ticket.Id}", second, Resume,
            async () => $"sync state: {await world.Store.SyncStateAsync(E2eConfig.Helpdesk)}; exports since the restart: "
                        + $"{world.Stub.Requests.Count(r => r.Route == StubRoute.Export && r.Received.ToDateTimeUtc() > restarted)}\n"
                        + await world.Store.DescribeHangfireAsync());
        world.Log($"the sync resumed {(DateTime.UtcNow - restarted).TotalSeconds:0.0} s after the restart");
    }
}

public sealed class PostgresSyncCrashTests(ITestOutputHelper output) : SyncCrashScenarios("postgres", output)
{
    /// <summary>
    /// A worker killed while Hangfire held the lock of a recurring job (triggering it) leaves the lock row behind for
    /// <c>Hangfire:DistributedLockLifetime</c>. A restart within that time must start all the same — registering the
    /// recurring jobs waits in the background — and sync as soon as the lock expires.
    /// </summary>
    [Fact]
    public async Task RecurringJobLocksLeftByACrash_DoNotStopTheRestart_TheSyncGoesOnOnceTheyExpire()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", Output);
        var first = world.StartWorker("worker-1");
        await world.WaitForSyncAsync(first);
        await first.KillAsync();
        var database = ((PostgresE2eStore)world.Store).Database;
        await database.ScalarAsync<long?>("""
            INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES
                ('hangfire:lock:recurring-job:sync:zd', 0, now() at time zone 'utc'),
                ('hangfire:lock:recurring-job:slatimers:maintenance', 0, now() at time zone 'utc')
            ON CONFLICT (resource) DO UPDATE SET acquired = excluded.acquired;
            """);

        var ticket = world.PutTickets(2100, 1, _ => E2eWorld.Now, "normal").Single();
        var second = world.StartWorker("worker-2");
        Assert.True(await second.WaitForLineAsync("trying again in the background", E2eWorld.Patience), second.Tail());
        await world.EventuallyAsync(async () => await world.Store.TicketCountAsync() == 1,
            $"the restarted worker's sync to store ticket {ticket.Id} once the locks expired", second, TimeSpan.FromSeconds(90));
        Assert.Contains(second.Lines, l => l.Text.Contains("Sync schedule: registered at attempt", StringComparison.Ordinal));
        Assert.False(second.HasExited, second.Tail());
    }
}

public sealed class SqliteSyncCrashTests(ITestOutputHelper output) : SyncCrashScenarios("sqlite", output);
