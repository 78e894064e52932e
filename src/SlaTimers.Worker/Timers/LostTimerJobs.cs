using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// Finds timers whose recorded job will never fire — a team lead deleted it on the dashboard, it failed or expired, or
/// the job store stranded it in a pending state (<see cref="TimerOptions.StuckJobAfter"/>) — and forgets that job, so
/// the reconciliation that follows schedules the timer again (at once, as it is due). Without this, such a ticket would
/// keep a dead job and never be warned about.
/// </summary>
public sealed partial class LostTimerJobs(ITimerStore timers, IJobStates states, IClock clock, IOptions<TimerOptions> options, ILogger<LostTimerJobs> logger)
{
    /// <returns>How many timers were released to be scheduled again.</returns>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var lostBefore = now - Duration.FromTimeSpan(options.Value.LostJobGrace);
        var stuckBefore = now - Duration.FromTimeSpan(options.Value.StuckJobAfter);
        var released = 0;
        foreach (var slot in await timers.GetOverdueAsync(lostBefore, options.Value.BatchSize, cancellationToken))
        {
            var state = states.StateOf(slot.JobId!);
            var pending = JobStates.IsPending(state);
            if (pending && slot.DueAt >= stuckBefore) continue; // a busy queue: it will run
            await timers.ClearJobAsync(slot.Ticket, slot.JobId!, cancellationToken);
            if (pending) LogStuck(slot.Ticket.ToString(), slot.DueAt, slot.JobId!, state!);
            else LogLost(slot.Ticket.ToString(), slot.DueAt, slot.JobId!);
            released++;
        }
        return released;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer of {Ticket} was due {DueAt} but its job {JobId} will not run (deleted, failed or expired): scheduling it again.")]
    private partial void LogLost(string ticket, Instant dueAt, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer of {Ticket} was due {DueAt} but its job {JobId} is still {State}, past Timers:StuckJobAfter: taking it as stranded and scheduling the timer again.")]
    private partial void LogStuck(string ticket, Instant dueAt, string jobId, string state);
}
