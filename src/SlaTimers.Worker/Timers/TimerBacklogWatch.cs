using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Storage;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// Part of each maintenance run: says so in the log when timers wait longer than <see cref="TimerOptions.LateAfter"/>
/// past their instant — the warnings they carry go out that late. On SQLite it names the likely cause: its Hangfire
/// storage falls minutes behind once thousands of timers come due within the hour (README, "The worker under load").
/// </summary>
public sealed partial class TimerBacklogWatch(
    ISlaQueries queries, IClock clock, IOptions<TimerOptions> options, IOptions<StorageOptions> storage, ILogger<TimerBacklogWatch> logger)
{
    /// <returns>The backlog found, for the caller's tests.</returns>
    public async Task<TimerBacklog> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var backlog = await queries.GetTimerBacklogAsync(now, cancellationToken);
        if (!backlog.IsLate(now, Duration.FromTimeSpan(options.Value.LateAfter))) return backlog;
        var seconds = Math.Round(backlog.Lag(now).TotalSeconds);
        if (storage.Value.Engine == StorageEngine.Sqlite) LogBehindOnSqlite(seconds, backlog.Overdue, options.Value.LateAfter);
        else LogBehind(seconds, backlog.Overdue, options.Value.LateAfter);
        return backlog;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timers are {Seconds} s behind their instants ({Overdue} overdue, Timers:LateAfter {LateAfter}): warnings go out late. Is every worker's Hangfire server running, and the database keeping up?")]
    private partial void LogBehind(double seconds, int overdue, TimeSpan lateAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timers are {Seconds} s behind their instants ({Overdue} overdue, Timers:LateAfter {LateAfter}): warnings go out late. SQLite's job storage falls behind under thousands of timers an hour; a deployment this busy belongs on PostgreSQL (Storage:Provider=postgres).")]
    private partial void LogBehindOnSqlite(double seconds, int overdue, TimeSpan lateAfter);
}
