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
        // Unpooled: closing a lock's connection ends its session, so nothing can keep a lock alive in an idle pooled
        // connection; and held locks never take connections from the storage's pool. One connect per job run.
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "slatimers-locks" });
    }

    /// <summary>The 32-bit second key of a resource: a stable hash (a collision only makes two resources share a lock).</summary>
    public static int KeyOf(string resource) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(resource)), 0);

    public IDisposable? TryAcquire(string resource, TimeSpan wait)
    {
        var connection = _dataSource.OpenConnection();
        try
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (TryLock(connection, resource)) return new Held(connection, resource);
                if (waited.Elapsed >= wait) break;
                Thread.Sleep(RetryPause);
            }
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
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

    private sealed class Held(NpgsqlConnection connection, string resource) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @key)", connection);
                command.Parameters.AddWithValue("space", LockSpace);
                command.Parameters.AddWithValue("key", KeyOf(resource));
                command.ExecuteScalar();
            }
            catch (NpgsqlException)
            {
                // The connection broke while the lock was held: the server has released it already.
            }
            finally
            {
                // Unpooled, closing ends the session, and with it any lock still held.
                connection.Dispose();
            }
        }
    }
}
