using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// Finds timers whose recorded job will never fire — a team lead deleted it on the dashboard, or it failed or expired
/// — and forgets that job, so the reconciliation that follows schedules the timer again (at once, as it is due).
/// Without this, such a ticket would keep a dead job and never be warned about.
/// </summary>
public sealed partial class LostTimerJobs(ITimerStore timers, IJobStates states, IClock clock, IOptions<TimerOptions> options, ILogger<LostTimerJobs> logger)
{
    /// <returns>How many timers were released to be scheduled again.</returns>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetCurrentInstant() - Duration.FromTimeSpan(options.Value.LostJobGrace);
        var released = 0;
        foreach (var slot in await timers.GetOverdueAsync(before, options.Value.BatchSize, cancellationToken))
        {
            if (states.IsPending(slot.JobId!)) continue; // a busy queue: it will run
            await timers.ClearJobAsync(slot.Ticket, slot.JobId!, cancellationToken);
            LogLost(slot.Ticket.ToString(), slot.JobId!, slot.DueAt);
            released++;
        }
        return released;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer of {Ticket} was due {DueAt} but its job {JobId} will not run (deleted, failed or expired): scheduling it again.")]
    private partial void LogLost(string ticket, string jobId, Instant dueAt);
}
