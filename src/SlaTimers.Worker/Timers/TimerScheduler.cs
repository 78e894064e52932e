using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Configuration;

namespace SlaTimers.Worker.Timers;

/// <summary>
/// Keeps Hangfire's delayed jobs in line with the timers the store asks for: at most one pending
/// <see cref="TimerJob"/> per ticket, at its next checkpoint, for checkpoints within the horizon. A ticket's page
/// (or re-evaluation) writes the due instant; this schedules the job after the commit, deletes the job it
/// replaces, and records the new one. It runs after every page, timer and re-evaluation, and every minute, so a
/// crash between the commit and the scheduling only delays a timer until the next run.
/// </summary>
public sealed partial class TimerScheduler(
    ITimerStore timers,
    ITicketStore tickets,
    IBackgroundJobClient jobs,
    ReconcileGate gate,
    SlaConfigurationHolder configuration,
    IClock clock,
    IOptions<TimerOptions> options,
    ILogger<TimerScheduler> logger)
{
    /// <summary>Rounds of <see cref="TimerOptions.BatchSize"/> per reconciliation; the maintenance job does the rest.</summary>
    private const int MaxRounds = 20;

    /// <summary>Schedules what is missing or stale and deletes what is obsolete (see <see cref="ReconcileGate"/>).</summary>
    public Task ReconcileAsync(CancellationToken cancellationToken) => gate.RunAsync(ReconcileNowAsync, cancellationToken);

    private async Task ReconcileNowAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var scheduled = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var now = clock.GetCurrentInstant();
            var slots = await timers.GetUnscheduledAsync(now + Duration.FromTimeSpan(options.Value.Horizon), batch, cancellationToken);
            if (slots.Count == 0) break;
            var records = await tickets.GetTicketsAsync([.. slots.Select(s => s.Ticket).Distinct()], cancellationToken);
            var moved = false;
            await ForEachConcurrentlyAsync(slots, async (slot, ct) =>
            {
                if (await ScheduleAsync(slot, records.GetValueOrDefault(slot.Ticket), now, ct)) Interlocked.Increment(ref scheduled);
                else Volatile.Write(ref moved, true);
            }, cancellationToken);
            // A slot whose instant moved meanwhile is read again in the next round.
            if (slots.Count < batch && !moved) break;
        }

        var deleted = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var obsolete = await timers.GetObsoleteJobsAsync(batch, cancellationToken);
            await ForEachConcurrentlyAsync(obsolete, async (slot, ct) =>
            {
                jobs.Delete(slot.JobId!, ScheduledState.StateName);
                await timers.ClearJobAsync(slot.Ticket, slot.JobId!, ct);
                Interlocked.Increment(ref deleted);
            }, cancellationToken);
            if (obsolete.Count < batch) break;
        }
        if (scheduled + deleted > 0) LogReconciled(scheduled, deleted);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for each slot, <see cref="TimerOptions.ScheduleConcurrency"/> at a time. Each slot
    /// is its own ticket, and creating a Hangfire job is a few round trips and two commits of which the processor
    /// does little: one at a time, a backfill of thousands of timers left the machine idle a fifth of the time while
    /// the sync waited for them (see <see cref="TimerOptions.ScheduleConcurrency"/>). Hangfire's client is synchronous, so
    /// each lane holds a thread-pool thread while it waits; the pool grows to them as a long backfill goes on. Raising
    /// the pool's minimum so that all lanes start at once was measured and not kept (54,000 jobs: 73–78 s against
    /// 70–71 s without — more threads, more contention in PostgreSQL).
    /// </summary>
    private Task ForEachConcurrentlyAsync(IReadOnlyList<TimerSlot> slots, Func<TimerSlot, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(slots, new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Clamp(slots.Count, 1, options.Value.ScheduleConcurrency ?? 1),
            CancellationToken = cancellationToken,
        }, body);

    private async Task<bool> ScheduleAsync(TimerSlot slot, TicketRecord? record, Instant now, CancellationToken cancellationToken)
    {
        // Only a job still waiting is deleted: one that runs already re-evaluates the ticket and does no harm.
        if (slot.JobId is { } previous) jobs.Delete(previous, ScheduledState.StateName);

        var (source, externalId) = (slot.Ticket.Source, slot.Ticket.ExternalId);
        var title = TimerTitles.For(record, slot.Ticket, slot.DueAt, configuration.Current, now);
        var jobId = slot.DueAt <= now
            ? jobs.Enqueue<TimerJob>(job => job.FireAsync(source, externalId, title, null, CancellationToken.None))
            : jobs.Schedule<TimerJob>(job => job.FireAsync(source, externalId, title, null, CancellationToken.None), slot.DueAt.ToDateTimeOffset());

        if (await timers.RecordScheduledAsync(slot.Ticket, slot.DueAt, jobId, cancellationToken)) return true;
        // The ticket's due instant moved since it was read (a page or a timer was saved meanwhile): this job is
        // stale, and the next round schedules the new instant.
        jobs.Delete(jobId, ScheduledState.StateName);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timers: scheduled {Scheduled} and deleted {Deleted} timer jobs.")]
    private partial void LogReconciled(int scheduled, int deleted);
}
