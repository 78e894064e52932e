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

    [Fact]
    public async Task KilledDuringASync_AfterARestart_TheSyncResumesWithinAMinute()
    {
        await using var world = await E2eWorld.CreateAsync(engine, output);
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

public sealed class PostgresSyncCrashTests(ITestOutputHelper output) : SyncCrashScenarios("postgres", output);

public sealed class SqliteSyncCrashTests(ITestOutputHelper output) : SyncCrashScenarios("sqlite", output);
