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
/// new evaluation and leaves the next timer to <see cref="TimerScheduler"/>. The evaluation is stored only if no sync
/// page wrote the ticket meanwhile; if one did, the newer state is evaluated once more (see <see cref="RunAsync"/>).
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
        var record = await ReadAsync(ticket, cancellationToken);
        if (record is null)
        {
            LogGone(ticket.ToString());
            return;
        }
        await WaitForCheckpointAsync(record.NextCheckpointAt, cancellationToken);

        if (!await EvaluateAndSaveAsync(record, cancellationToken))
        {
            // A sync page (or another evaluation) wrote the ticket between the read above and the save, so what was
            // evaluated is an older state and was not saved. Evaluate the newer state once more, now, rather than leave
            // it to a timer of its own: it may have a checkpoint due at once (a reopen, a raised priority), and a warning
            // is worth most on time. What both passes notify has one ledger key, so it is sent once; what only the older
            // state found due had come due by all that was known when this timer fired. If the ticket moved on yet
            // again, its newest writer evaluated it and stored its next checkpoint, which the reconciliation below
            // schedules (due now, if a checkpoint is): nothing is left waiting on this job.
            LogStale(record.Ticket.DisplayId);
            var newer = await ReadAsync(ticket, cancellationToken);
            if (newer is not null && !await EvaluateAndSaveAsync(newer, cancellationToken)) LogStaleAgain(newer.Ticket.DisplayId);
        }
        // This job is done: when the ticket's timer still names it, the timer needs a new job (at the next checkpoint).
        if (jobId is not null) await timers.ClearJobAsync(ticket, jobId, cancellationToken);
        await scheduler.ReconcileAsync(cancellationToken);
    }

    private async Task<TicketRecord?> ReadAsync(TicketKey ticket, CancellationToken cancellationToken) =>
        (await tickets.GetTicketsAsync([ticket], cancellationToken)).GetValueOrDefault(ticket);

    /// <summary>Re-evaluates the ticket at now, notifies what is due and saves the evaluation.</summary>
    /// <returns>False when the ticket was written since it was read: the evaluation was not saved.</returns>
    private async Task<bool> EvaluateAndSaveAsync(TicketRecord record, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var current = configuration.Current;
        var evaluated = TicketEvaluation.Reevaluate(record, current.Rules, now, fireForDueNow: false);
        var due = TicketCheckpoints.DueNow(evaluated.Clocks).ToList();
        if (due.Count > 0)
        {
            // Notified before the save: a crash between the two leaves the ledger rows, and the timer's retry finds them.
            var added = await notifier.NotifyAsync(record.Ticket, due, current, now, cancellationToken);
            LogFired(record.Ticket.DisplayId, due.Count, added.Count);
        }
        return (await tickets.SaveEvaluationsAsync([evaluated], cancellationToken)).Count == 0;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Ticket}: the ticket changed while it was evaluated; evaluating the newer state.")]
    private partial void LogStale(string ticket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Ticket}: the ticket changed again; its newest state keeps the timer it stored.")]
    private partial void LogStaleAgain(string ticket);
}
