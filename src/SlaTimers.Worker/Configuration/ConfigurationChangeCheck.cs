using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlaTimers.Core.Storage;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// At start: when the config folder is not the one the stored open clocks were last evaluated with
/// (<see cref="IEvaluatedConfiguration"/>), queues the re-evaluation a reload would have queued — the folder was
/// edited while the worker was stopped, or a new one deployed with the restart. Without it those tickets would keep
/// the old rules' deadlines and timers until each changed, and a deadline the edit brought forward would be warned
/// about late. A store with no open tickets just takes the record. Runs in the background, retried until the database
/// answers; it never holds up the start.
/// </summary>
public sealed partial class ConfigurationChangeCheck(
    SlaConfigurationHolder configuration,
    IEvaluatedConfiguration evaluated,
    ITicketStore tickets,
    IBackgroundJobClient jobs,
    ILogger<ConfigurationChangeCheck> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CheckAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e, attempt);
                await Task.Delay(RetryPause, stoppingToken);
            }
        }
    }

    /// <returns>The re-evaluation job queued, if one was.</returns>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (configuration.Loaded.Fingerprint is not { } current) return null;
        var recorded = evaluated.Read();
        if (recorded == current) return null;
        if ((await tickets.GetOpenTicketsAsync(null, 1, cancellationToken)).Count == 0)
        {
            evaluated.Record(current); // nothing was evaluated with anything else
            return null;
        }
        var id = jobs.Enqueue<ReevaluateOpenTicketsJob>(job => job.RunAsync(CancellationToken.None));
        LogChanged(recorded is null ? "no configuration is recorded for them" : "they were evaluated with another one", id);
        return id;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The config folder differs from the one the stored open tickets were evaluated with ({Why}): re-evaluating them (job {JobId}).")]
    private partial void LogChanged(string why, string jobId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not compare the config folder with the one the stored clocks were evaluated with (attempt {Attempt}); trying again in the background.")]
    private partial void LogFailed(Exception exception, int attempt);
}
