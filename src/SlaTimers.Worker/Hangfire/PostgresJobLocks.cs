using System.Data;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace SlaTimers.Worker.Hangfire;

/// <summary>
/// Cluster-wide job locks as PostgreSQL session advisory locks, each on a connection of its own held while the lock
/// is. The server releases a session lock the moment its connection ends, so a lock dies with its holder: a worker
/// killed in the middle of a sync holds up the next run only until the server notices the closed socket, never for a
/// lock timeout, and a long sync run cannot lose its lock to an expiry.
/// The connections come from a pool of their own (not the storage's: a held lock keeps its connection for a whole
/// sync run, so locks never starve the store; at most one per helpdesk plus maintenance is held at once, and idle
/// ones close after Npgsql's <c>Connection Idle Lifetime</c>). Before one goes back, every advisory lock of its
/// session is released (<c>pg_advisory_unlock_all</c>): Npgsql's own reset (<c>DISCARD ALL</c>) goes out only with the
/// connection's next use, so until then an idle connection would keep its lock. A connection that broke meanwhile is
/// dropped by Npgsql, its session and locks gone with it; one whose release failed is closed rather than pooled.
/// Pooled, a sync poll (every second per helpdesk) no longer opens a physical connection — a server process — each time.
/// </summary>
public sealed class PostgresJobLocks : IJobLocks, IDisposable
{
    /// <summary>The first key of the two-key lock form, so our locks never collide with another application's.</summary>
    private const int LockSpace = 0x534C_4154; // "SLAT"

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    private readonly NpgsqlDataSource _dataSource;

    public PostgresJobLocks(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, ApplicationName = "slatimers-locks" });
    }

    /// <summary>The 32-bit second key of a resource: a stable hash (a collision only makes two resources share a lock).</summary>
    public static int KeyOf(string resource) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(resource)), 0);

    public IDisposable? TryAcquire(string resource, TimeSpan wait)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = _dataSource.OpenConnection();
            try
            {
                var waited = Stopwatch.StartNew();
                while (true)
                {
                    if (TryLock(connection, resource)) return new Held(this, connection);
                    if (waited.Elapsed >= wait) break;
                    Thread.Sleep(RetryPause);
                }
                // pg_try_advisory_lock took nothing: the connection goes back clean.
                connection.Dispose();
                return null;
            }
            catch (Exception e)
            {
                var broke = e is NpgsqlException && connection.FullState == ConnectionState.Broken;
                // A failed statement may have left a lock taken (a lost reply); the connection goes back without it.
                Release(connection);
                if (!broke || attempt > 1) throw;
                // An idle pooled connection whose session ended (a server restart, an administrator, a network
                // timeout) fails its first statement, and the pool's other idle ones likely as well. The session took
                // any lock with it: empty the pool and try once more on a new connection rather than fail the run.
                _dataSource.Clear();
            }
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private static bool TryLock(NpgsqlConnection connection, string resource)
    {
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @key)", connection);
        command.Parameters.AddWithValue("space", LockSpace);
        command.Parameters.AddWithValue("key", KeyOf(resource));
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>Releases every advisory lock of the connection's session, then returns it to the pool.</summary>
    private void Release(NpgsqlConnection connection)
    {
        try
        {
            using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection broke: Npgsql drops it instead of pooling it, and the server released its locks. Still
            // open, the session may hold the lock: clearing the pool (NpgsqlConnection.ClearPool misses a data
            // source's) makes the dispose below close the connection, and its session with it, instead of pooling it.
            if (connection.FullState == ConnectionState.Open) _dataSource.Clear();
        }
        finally
        {
            connection.Dispose();
        }
    }

    private sealed class Held(PostgresJobLocks locks, NpgsqlConnection connection) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) locks.Release(connection);
        }
    }
}
