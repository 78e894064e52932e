using SlaTimers.Testing.Postgres;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Tests.Hangfire;

/// <summary>The sync lock on a real PostgreSQL server: exclusive across instances, pooled, and never left behind.</summary>
public sealed class PostgresJobLocksTests : IAsyncLifetime
{
    private const string Resource = "sync:zd";

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync("slatimers_locks");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AHeldLock_KeepsOtherInstancesOut_UntilItIsReleased()
    {
        using var first = new PostgresJobLocks(_database.ConnectionString);
        using var second = new PostgresJobLocks(_database.ConnectionString);

        var held = first.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(held);
        Assert.Null(second.TryAcquire(Resource, TimeSpan.Zero));
        Assert.Null(first.TryAcquire(Resource, TimeSpan.Zero));
        using (var other = second.TryAcquire("sync:other", TimeSpan.Zero)) Assert.NotNull(other);

        held.Dispose();
        using var next = second.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(next);
        Assert.Equal(1L, await AdvisoryLocksAsync());
    }

    [Fact]
    public async Task RepeatedRuns_ReuseOnePooledConnection_AndLeaveNoLockInIt()
    {
        using var locks = new PostgresJobLocks(_database.ConnectionString);
        var backends = new HashSet<int>();
        for (var run = 0; run < 20; run++)
        {
            using (var held = locks.TryAcquire(Resource, TimeSpan.Zero))
            {
                Assert.NotNull(held);
                backends.Add(await LockBackendAsync());
            }
            // Released before it went back to the pool: the idle connection holds nothing.
            Assert.Equal(0L, await AdvisoryLocksAsync());
        }
        Assert.Single(backends);
    }

    [Fact]
    public async Task ALockWhoseConnectionBroke_IsFreeForOthers_AndReleasingItDoesNotThrow()
    {
        using var first = new PostgresJobLocks(_database.ConnectionString);
        using var second = new PostgresJobLocks(_database.ConnectionString);
        var held = first.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(held);

        await _database.ScalarAsync<bool>($"SELECT pg_terminate_backend({await LockBackendAsync()})");
        await WaitUntilAsync(async () => await AdvisoryLocksAsync() == 0);

        using (var taken = second.TryAcquire(Resource, TimeSpan.Zero)) Assert.NotNull(taken);
        held.Dispose();
        // The broken connection was not pooled: the next acquire works on a fresh one.
        using var again = first.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(again);
    }

    private Task<long> AdvisoryLocksAsync() => _database.ScalarAsync<long>(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

    /// <summary>The server process of the one connection that holds an advisory lock.</summary>
    private async Task<int> LockBackendAsync() => await _database.ScalarAsync<int>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not release the terminated session's lock within 10 s");
            await Task.Delay(50);
        }
    }
}
