namespace SlaTimers.Worker.Timers;

/// <summary>
/// Runs timer reconciliation one at a time in this process, and coalesces requests: a request made while one runs
/// returns at once and makes the running one read the timers again when it is done. So a sync page or a timer job
/// never waits for another's reconciliation (and no worker is held up waiting), yet every saved due instant is seen.
/// </summary>
/// <remarks>
/// Across instances reconciliations may overlap; two may then both schedule a job for the same timer. Only the one
/// recorded counts: the other fires once, finds its notifications in the ledger and is not the ticket's job, so it
/// schedules nothing further (see <see cref="TimerJob"/>).
/// </remarks>
public sealed class ReconcileGate
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private int _requested;

    public async Task RunAsync(Func<CancellationToken, Task> reconcile, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _requested, 1);
        // Checked again after a release: a request made just before it would otherwise be left to the next caller.
        while (Volatile.Read(ref _requested) == 1)
        {
            if (!await _running.WaitAsync(0, cancellationToken)) return;
            try
            {
                while (Interlocked.Exchange(ref _requested, 0) == 1) await reconcile(cancellationToken);
            }
            catch
            {
                // The requests this run took over are not done: leave them to the next caller (or the maintenance job).
                Volatile.Write(ref _requested, 1);
                throw;
            }
            finally
            {
                _running.Release();
            }
        }
    }
}
