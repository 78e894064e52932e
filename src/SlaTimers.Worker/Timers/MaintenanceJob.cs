using Hangfire;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// Every minute: schedules the timers that came within the horizon or lost their job (a crash between a commit
/// and the scheduling, a job deleted on the dashboard), deletes jobs of timers no longer needed, queues again
/// deliveries that lost theirs, and a configuration pass that never completed.
/// </summary>
public sealed class MaintenanceJob(TimerScheduler scheduler, LostTimerJobs lost, DeliveryRecovery deliveries, ConfigurationChangeCheck configuration, IJobLocks locks)
{
    public const string RecurringJobId = "slatimers:maintenance";

    /// <summary>Every minute (Hangfire's cron, UTC).</summary>
    public const string Cron = "* * * * *";

    [Queue(HangfireQueues.Default)]
    [JobDisplayName("Maintenance: timers within the horizon, lost deliveries")]
    // The next minute's run is the retry.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = locks.TryAcquire(RecurringJobId, TimeSpan.Zero);
        if (held is null) return;
        await lost.ReleaseAsync(cancellationToken);
        await scheduler.ReconcileAsync(cancellationToken);
        await deliveries.RequeueLostAsync(cancellationToken);
        await configuration.CatchUpAsync(cancellationToken);
    }
}
