using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Sync;

/// <summary>
/// At start: one recurring sync job per configured helpdesk (<c>sync:&lt;name&gt;</c>, every poll interval), the
/// first run right away; recurring sync jobs of helpdesks no longer configured are removed. Adding the same job
/// from several instances is an idempotent update; a lock a crashed instance left on it delays the update (in the
/// background), never the start (<see cref="RecurringJobRegistration"/>).
/// </summary>
public sealed partial class SyncSchedule(
    ITicketSourceRegistry helpdesks,
    IRecurringJobManager recurring,
    JobStorage storage,
    ILogger<SyncSchedule> logger) : RecurringJobSchedule("Sync schedule", logger)
{
    protected override void Register()
    {
        var configured = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var helpdesk in helpdesks.Helpdesks)
        {
            var id = SyncJob.RecurringJobId(helpdesk.Name);
            var name = helpdesk.Name;
            configured.Add(id);
            recurring.AddOrUpdate<SyncJob>(id, HangfireQueues.Sync, job => job.RunAsync(name, CancellationToken.None),
                PollIntervalCron.From(helpdesk.PollInterval),
                // A run missed while the worker was down is not made up for: the next one reads everything since.
                new RecurringJobOptions { MisfireHandling = MisfireHandlingMode.Ignorable });
            recurring.Trigger(id);
            var effective = PollIntervalCron.Effective(helpdesk.PollInterval);
            LogScheduled(name, helpdesk.Type, effective);
            if (effective != helpdesk.PollInterval) LogRounded(name, helpdesk.PollInterval, effective);
        }

        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
        {
            if (job.Id.StartsWith("sync:", StringComparison.Ordinal) && !configured.Contains(job.Id))
            {
                recurring.RemoveIfExists(job.Id);
                LogRemoved(job.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Helpdesk} ({Type}): every {Interval}, first run now.")]
    private partial void LogScheduled(string helpdesk, string type, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Helpdesk}: the poll interval {Interval} is not a step of a cron schedule; it runs every {Effective}.")]
    private partial void LogRounded(string helpdesk, TimeSpan interval, TimeSpan effective);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the recurring job {JobId}: its helpdesk is no longer configured.")]
    private partial void LogRemoved(string jobId);
}
