using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// A ticket's timer: at its next checkpoint it re-reads the ticket and re-evaluates the clocks at now with the
/// current rules — so a stale timer (the ticket changed since) does nothing — notifies what is due, stores the
/// new evaluation and leaves the next timer to <see cref="TimerScheduler"/>.
/// </summary>
public sealed partial class TimerJob(
    ITicketStore tickets,
    ITimerStore timers,
    TimerScheduler scheduler,
    CheckpointNotifier notifier,
    SlaConfigurationHolder configuration,
    IClock clock,
    ILogger<TimerJob> logger)
{
    /// <summary>
    /// Hangfire keeps a delayed job's instant in whole seconds, so a job can start up to a second before its
    /// checkpoint (more with clock skew between instances): it then waits for the checkpoint instead of finding
    /// nothing due.
    /// </summary>
    public static readonly Duration EarlyTolerance = Duration.FromSeconds(3);

    /// <summary>Instants in the timer table are whole microseconds: wait a little past them.</summary>
    private static readonly Duration PastTheInstant = Duration.FromMilliseconds(1);

    /// <param name="title">The checkpoint it fires for, shown as the job's name on the dashboard.</param>
    /// <param name="context">Given by Hangfire when the job runs (null when it is created).</param>
    [Queue(HangfireQueues.Timers)]
    [JobDisplayName("{2}")]
    // A failure (the database away for a moment) is retried soon: a warning is worth most on time.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [2, 10, 60])]
    public Task FireAsync(string source, string externalId, string title, PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(new TicketKey(source, externalId), context?.BackgroundJob.Id, cancellationToken);

    /// <param name="jobId">This job's id: once done, the ticket's timer no longer counts on it.</param>
    public async Task RunAsync(TicketKey ticket, string? jobId, CancellationToken cancellationToken)
    {
        var record = (await tickets.GetTicketsAsync([ticket], cancellationToken)).GetValueOrDefault(ticket);
        if (record is null)
        {
            LogGone(ticket.ToString());
            return;
        }
        await WaitForCheckpointAsync(record.NextCheckpointAt, cancellationToken);

        var now = clock.GetCurrentInstant();
        var current = configuration.Current;
        var evaluated = TicketEvaluation.Evaluate(record.Ticket, record.FirstSeen, current.Rules, now, fireForDueNow: false);
        var due = TicketCheckpoints.DueNow(evaluated.Clocks).ToList();
        if (due.Count > 0)
        {
            var added = await notifier.NotifyAsync(record.Ticket, due, current, now, cancellationToken);
            LogFired(record.Ticket.DisplayId, due.Count, added.Count);
        }

        await tickets.SaveEvaluationsAsync([evaluated], cancellationToken);
        // This job is done: when the ticket's timer still names it, the timer needs a new job (at the next checkpoint).
        if (jobId is not null) await timers.ClearJobAsync(ticket, jobId, cancellationToken);
        await scheduler.ReconcileAsync(cancellationToken);
    }

    private async Task WaitForCheckpointAsync(Instant? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not { } at) return;
        var early = at - clock.GetCurrentInstant();
        if (early > Duration.Zero && early <= EarlyTolerance)
        {
            await Task.Delay((early + PastTheInstant).ToTimeSpan(), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Ticket}: the ticket is no longer stored; nothing to do.")]
    private partial void LogGone(string ticket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Ticket}: {Due} checkpoint(s) due, {New} new notification(s).")]
    private partial void LogFired(string ticket, int due, int @new);
}
