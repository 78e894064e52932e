using Hangfire;
using Hangfire.Storage;

namespace SlaTimers.Worker.Hangfire;

/// <summary>Cluster-wide locks for jobs that must not run twice at once (a helpdesk's sync, timer reconciliation).</summary>
public interface IJobLocks
{
    /// <returns>The held lock (dispose to release), or null when another holder keeps it longer than <paramref name="wait"/>.</returns>
    IDisposable? TryAcquire(string resource, TimeSpan wait);
}

/// <summary>
/// Locks in Hangfire's storage, for SQLite (one instance): Hangfire.Storage.SQLite keeps a held lock alive and lets
/// a dead holder's lock expire after its short lifetime. A job that finds a lock held usually skips its run (the
/// holder is doing the same work) rather than failing with a lock timeout. PostgreSQL uses <see cref="PostgresJobLocks"/>.
/// </summary>
public sealed class HangfireJobLocks(JobStorage storage) : IJobLocks
{
    public IDisposable? TryAcquire(string resource, TimeSpan wait)
    {
        var connection = storage.GetConnection();
        try
        {
            return new Held(connection, connection.AcquireDistributedLock(resource, wait));
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IStorageConnection connection, IDisposable distributedLock) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                distributedLock.Dispose();
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
