using Hangfire;
using Microsoft.Extensions.Logging;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// At start: the recurring <see cref="MaintenanceJob"/>, with a first run right away (timers that came due while the
/// worker was down). A lock a crashed instance left on it delays this (in the background), never the start.
/// </summary>
public sealed class MaintenanceSchedule(IRecurringJobManager recurring, ILogger<MaintenanceSchedule> logger)
    : RecurringJobSchedule("Maintenance schedule", logger)
{
    protected override void Register()
    {
        recurring.AddOrUpdate<MaintenanceJob>(MaintenanceJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), MaintenanceJob.Cron,
            new RecurringJobOptions { MisfireHandling = MisfireHandlingMode.Ignorable });
        recurring.Trigger(MaintenanceJob.RecurringJobId);
    }
}
