using Npgsql;
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
        var backends = new HashSet<string>();
        for (var run = 0; run < 20; run++)
        {
            using (var held = locks.TryAcquire(Resource, TimeSpan.Zero))
            {
                Assert.NotNull(held);
                backends.Add(await BackendOfAsync(await LockBackendAsync()));
            }
            // Released before it went back to the pool: the idle connection holds nothing.
            Assert.Equal(0L, await AdvisoryLocksAsync());
        }
        Assert.Single(backends);
        // The one connection is still there, idle in the pool.
        Assert.Equal(1L, await LockConnectionsAsync());
    }

    [Fact]
    public async Task NpgsqlsOwnReset_LeavesALockInAnIdleConnection_UntilItsNextUse()
    {
        // Why the locks release explicitly: Npgsql's DISCARD ALL, which does end advisory locks, goes out with a
        // pooled connection's next statement, not when the connection goes back.
        await using var pool = NpgsqlDataSource.Create(_database.ConnectionString);
        await using (var connection = await pool.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(1)", connection))
            await command.ExecuteNonQueryAsync();
        Assert.Equal(1L, await AdvisoryLocksAsync());

        await using (var connection = await pool.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand("SELECT 1", connection))
            await command.ExecuteScalarAsync();
        Assert.Equal(0L, await AdvisoryLocksAsync());
    }

    [Fact]
    public async Task ATimedOutWait_ReturnsNull_AndLeavesOnlyTheHoldersLock()
    {
        using var first = new PostgresJobLocks(_database.ConnectionString);
        using var second = new PostgresJobLocks(_database.ConnectionString);
        using var held = first.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(held);
        var holder = await LockBackendAsync();

        Assert.Null(second.TryAcquire(Resource, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(1L, await AdvisoryLocksAsync());
        Assert.Equal(holder, await LockBackendAsync());
    }

    [Fact]
    public async Task AnIdleConnectionWhoseSessionEnded_DoesNotFailTheNextRun()
    {
        using var locks = new PostgresJobLocks(_database.ConnectionString);
        int idle;
        using (var held = locks.TryAcquire(Resource, TimeSpan.Zero))
        {
            Assert.NotNull(held);
            idle = await LockBackendAsync();
        }
        // As after a server restart: the pooled connection's session ends while it waits in the pool.
        Assert.True(await _database.ScalarAsync<bool>($"SELECT pg_terminate_backend({idle})"));
        await WaitUntilAsync(async () => await _database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {idle}") == 0);

        using var next = locks.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(next);
        Assert.NotEqual(idle, await LockBackendAsync());
    }

    [Fact]
    public async Task AFailedRelease_ClosesTheConnection_InsteadOfPoolingItWithTheLock()
    {
        // An unlock that fails on a healthy connection: a pg_advisory_unlock_all of our own, found first on the path.
        await _database.ScalarAsync<int>("""
            CREATE SCHEMA refuse;
            CREATE FUNCTION refuse.pg_advisory_unlock_all() RETURNS void LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'unlock refused'; END $$;
            SELECT 1
            """);
        var refusing = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { SearchPath = "refuse, pg_catalog" }.ConnectionString;
        using var locks = new PostgresJobLocks(refusing);
        using var others = new PostgresJobLocks(_database.ConnectionString);

        var held = locks.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(held);
        var holder = await LockBackendAsync();
        held.Dispose();

        // Pooled, the idle connection would keep the lock until its next use; closed, its session and lock end.
        await WaitUntilAsync(async () => await _database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {holder}") == 0);
        using var taken = others.TryAcquire(Resource, TimeSpan.Zero);
        Assert.NotNull(taken);
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

    /// <summary>A server process as its pid and start time: a pid alone could be reused by a later process.</summary>
    private async Task<string> BackendOfAsync(int pid) => (await _database.ScalarAsync<string>(
        $"SELECT pid || '@' || backend_start FROM pg_stat_activity WHERE pid = {pid}"))!;

    private Task<long> LockConnectionsAsync() => _database.ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'slatimers-locks' AND datname = current_database()");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not end the session within 10 s");
            await Task.Delay(50);
        }
    }
}
