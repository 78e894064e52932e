using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaTimers.Core.Storage;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// At start: when the config folder is not the one the stored open clocks were last evaluated with
/// (<see cref="IEvaluatedConfiguration"/>), queues the re-evaluation a reload would have queued — the folder was
/// edited while the worker was stopped, or a new one deployed with the restart. Without it those tickets would keep
/// the old rules' deadlines and timers until each changed, and a deadline the edit brought forward would be warned
/// about late. A store with no open tickets just takes the record. Runs in the background, retried until the database
/// answers; it never holds up the start. And every minute, with the maintenance (<see cref="CatchUpAsync"/>): a folder
/// still not recorded <see cref="CatchUpAfter"/> after it was first seen so — its pass failed for good, or the job store
/// stranded it — is queued again.
/// </summary>
public sealed partial class ConfigurationChangeCheck(
    SlaConfigurationHolder configuration,
    IEvaluatedConfiguration evaluated,
    ITicketStore tickets,
    IBackgroundJobClient jobs,
    IClock clock,
    ILogger<ConfigurationChangeCheck> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);

    /// <summary>Far longer than a pass takes (100,000 open tickets: about a minute), shorter than its last retry (5 min after the third failure).</summary>
    public static readonly Duration CatchUpAfter = Duration.FromMinutes(10);

    private readonly Lock _gate = new();
    private Instant? _differsSince;

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
    public Task<string?> CheckAsync(CancellationToken cancellationToken) =>
        configuration.Loaded.Fingerprint is { } current ? CheckAsync(current, evaluated.Read(), cancellationToken) : Task.FromResult<string?>(null);

    private async Task<string?> CheckAsync(string current, string? recorded, CancellationToken cancellationToken)
    {
        if (recorded == current) return null;
        if ((await tickets.GetOpenTicketsAsync(null, 1, cancellationToken)).Count == 0)
        {
            evaluated.Record(current); // nothing was evaluated with anything else
            return null;
        }
        var id = ReevaluateOpenTicketsJob.Enqueue(jobs);
        LogChanged(recorded is null ? "no configuration is recorded for them" : "they were evaluated with another one", id);
        return id;
    }

    /// <summary>
    /// The maintenance's minute: when the folder in force has not been recorded as evaluated since <see cref="CatchUpAfter"/>
    /// ago (when this first saw it so), queues its pass again. Instances that run different folders queue one each
    /// interval; they should not (a deploy in progress), and the warning says so.
    /// </summary>
    /// <returns>The re-evaluation job queued, if one was.</returns>
    public async Task<string?> CatchUpAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var current = configuration.Loaded.Fingerprint;
        var recorded = current is null ? null : evaluated.Read();
        if (current is null || recorded == current)
        {
            lock (_gate) _differsSince = null;
            return null;
        }
        lock (_gate)
        {
            if (_differsSince is not { } since)
            {
                _differsSince = now;
                return null;
            }
            if (now - since < CatchUpAfter) return null;
            _differsSince = now;
        }
        var id = await CheckAsync(current, recorded, cancellationToken);
        if (id is not null) LogCaughtUp(CatchUpAfter.ToTimeSpan(), id);
        return id;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The open tickets have not been recorded as evaluated with the config folder in force for {After} (their pass failed, or its job was lost; or another instance runs another folder): re-evaluating them again (job {JobId}).")]
    private partial void LogCaughtUp(TimeSpan after, string jobId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The config folder differs from the one the stored open tickets were evaluated with ({Why}): re-evaluating them (job {JobId}).")]
    private partial void LogChanged(string why, string jobId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not compare the config folder with the one the stored clocks were evaluated with (attempt {Attempt}); trying again in the background.")]
    private partial void LogFailed(Exception exception, int attempt);
}
