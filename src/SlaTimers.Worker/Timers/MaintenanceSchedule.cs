using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// At start: the recurring <see cref="MaintenanceJob"/>, with a first run right away (timers that came due while the
/// worker was down). A lock a crashed instance left on it delays this (in the background), never the start.
/// </summary>
public sealed class MaintenanceSchedule(IRecurringJobManager recurring, ILogger<MaintenanceSchedule> logger) : IHostedService, IAsyncDisposable
{
    private RecurringJobRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = new RecurringJobRegistration("Maintenance schedule", Register, logger);
        _registration.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_registration is { } registration) await registration.DisposeAsync();
        _registration = null;
    }

    private void Register()
    {
        recurring.AddOrUpdate<MaintenanceJob>(MaintenanceJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), MaintenanceJob.Cron,
            new RecurringJobOptions { MisfireHandling = MisfireHandlingMode.Ignorable });
        recurring.Trigger(MaintenanceJob.RecurringJobId);
    }
}
