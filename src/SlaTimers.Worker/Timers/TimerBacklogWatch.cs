using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Storage;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// Says so in the log when timers wait longer than <see cref="TimerOptions.LateAfter"/> past their instant — the
/// warnings they carry go out that late. On SQLite it names the likely cause: its Hangfire storage falls minutes behind
/// once thousands of timers come due within the hour (README, "The worker under load").
/// </summary>
/// <remarks>
/// A loop of the host, not a Hangfire job: a job would wait in the very queues that are behind (measured: with the
/// timers and deliveries queues backed up, a maintenance job never ran while warnings went out 90 s late).
/// </remarks>
public sealed partial class TimerBacklogWatch(
    ISlaQueries queries,
    IClock clock,
    TimeProvider time,
    IOptions<TimerOptions> options,
    IOptions<StorageOptions> storage,
    ILogger<TimerBacklogWatch> logger) : BackgroundService
{
    /// <summary>The longest time between two looks (the first is at start); a shorter <see cref="TimerOptions.LateAfter"/> looks that often.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    /// <summary>One look: a warning when the longest-waiting timer is late.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var backlog = await queries.GetTimerBacklogAsync(now, cancellationToken);
        if (!backlog.IsLate(now, Duration.FromTimeSpan(options.Value.LateAfter))) return;
        var seconds = Math.Round(backlog.Lag(now).TotalSeconds);
        if (storage.Value.Engine == StorageEngine.Sqlite) LogBehindOnSqlite(seconds, backlog.Overdue, options.Value.LateAfter);
        else LogBehind(seconds, backlog.Overdue, options.Value.LateAfter);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.LateAfter < MaxInterval ? options.Value.LateAfter : MaxInterval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            // At start too: a worker restarted into a backlog says so at once.
            do
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store that does not answer is the storage health check's to report; the watch looks again.
                    LogCheckFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timers are {Seconds} s behind their instants ({Overdue} overdue, Timers:LateAfter {LateAfter}): warnings go out late. Is every worker's Hangfire server running, and the database keeping up?")]
    private partial void LogBehind(double seconds, int overdue, TimeSpan lateAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timers are {Seconds} s behind their instants ({Overdue} overdue, Timers:LateAfter {LateAfter}): warnings go out late. SQLite's job storage falls behind under thousands of timers an hour; a deployment this busy belongs on PostgreSQL (Storage:Provider=postgres).")]
    private partial void LogBehindOnSqlite(double seconds, int overdue, TimeSpan lateAfter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer backlog not checked this time.")]
    private partial void LogCheckFailed(Exception e);
}
