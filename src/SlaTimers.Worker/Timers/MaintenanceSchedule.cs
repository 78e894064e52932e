using Hangfire;
using Microsoft.Extensions.Hosting;

namespace SlaTimers.Worker.Timers;

/// <summary>At start: the recurring <see cref="MaintenanceJob"/>, with a first run right away (timers that came due while the worker was down).</summary>
public sealed class MaintenanceSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<MaintenanceJob>(MaintenanceJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), MaintenanceJob.Cron,
            new RecurringJobOptions { MisfireHandling = MisfireHandlingMode.Ignorable });
        recurring.Trigger(MaintenanceJob.RecurringJobId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
