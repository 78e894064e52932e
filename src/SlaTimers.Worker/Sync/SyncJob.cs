using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Sync;

/// <summary>
/// Reads one helpdesk's changes since its stored cursor, page by page, and stores each page with its tickets'
/// clocks in one transaction (the cursor moves only with stored data); then reconciles the timers. The work is
/// pipelined: the next page is read from the helpdesk while this one is evaluated and stored (and evaluated while
/// this one is saved, when they share no ticket), and a page's timers are scheduled while the next page is read (and
/// stored, see <see cref="SyncOptions.TimersBesideStore"/>); the run waits for its timers before it ends. One run per helpdesk at a time across all instances; a run that finds
/// another one busy skips. A run that stops at <see cref="SyncOptions.MaxPagesPerRun"/> with more to come queues the
/// next one at once.
/// </summary>
public sealed partial class SyncJob(
    ITicketSourceRegistry helpdesks,
    ITicketStore tickets,
    SlaConfigurationHolder configuration,
    TimerScheduler timers,
    IJobLocks locks,
    ISyncBackoff backoff,
    IBackgroundJobClient jobs,
    IClock clock,
    IOptions<SyncOptions> options,
    ILogger<SyncJob> logger)
{
    /// <summary>A scheduled retry may fire a little before the instant it was scheduled for (whole-second scores).</summary>
    private static readonly Duration BackoffTolerance = Duration.FromSeconds(5);

    public static string RecurringJobId(string helpdesk) => $"sync:{helpdesk}";

    [Queue(HangfireQueues.Sync)]
    [JobDisplayName("Sync {0}")]
    // No automatic retry: a failed run stays visible on the dashboard, and the recurring schedule is the retry.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string helpdesk, CancellationToken cancellationToken)
    {
        // A backlog goes on at once, not a poll interval later (20 pages a minute by default): the next run is queued
        // behind the timers and deliveries already waiting, once this run has let go of the lock it would skip on.
        if (await RunWithTheLockAsync(helpdesk, cancellationToken)) jobs.Enqueue<SyncJob>(job => job.RunAsync(helpdesk, CancellationToken.None));
    }

    /// <returns>Whether there is more to read at once (see <see cref="SyncPagesAsync"/>).</returns>
    private async Task<bool> RunWithTheLockAsync(string helpdesk, CancellationToken cancellationToken)
    {
        using var held = locks.TryAcquire(RecurringJobId(helpdesk), TimeSpan.Zero);
        if (held is null)
        {
            LogBusy(helpdesk);
            return false;
        }
        if (backoff.Get(helpdesk) is { } until && until - clock.GetCurrentInstant() > BackoffTolerance)
        {
            LogWaiting(helpdesk, until);
            return false;
        }

        // The timers of each stored page are scheduled beside the next page's work; the run waits for them at its end.
        var reconciling = new List<Task>();
        bool more;
        try
        {
            more = await SyncPagesAsync(helpdesk, reconciling, cancellationToken);
        }
        catch
        {
            await Observe(Task.WhenAll(reconciling));
            throw;
        }
        await Task.WhenAll(reconciling);
        return more;
    }

    /// <summary>
    /// Reads and stores pages until the end of the stream or <see cref="SyncOptions.MaxPagesPerRun"/>, as a pipeline:
    /// the next page is read while the current one is built and saved, and — when the two share no ticket — built
    /// while the current one is saved (the database's part of a page is the longest stage; the worker's evaluation
    /// no longer waits for it). The timer reconciliation starts after each page and runs beside the next page's read,
    /// and its store too when <see cref="SyncOptions.TimersBesideStore"/>.
    /// </summary>
    /// <returns>Whether the run stopped at its pages with more to come, having moved the cursor.</returns>
    private async Task<bool> SyncPagesAsync(string helpdesk, List<Task> reconciling, CancellationToken cancellationToken)
    {
        var source = helpdesks.Get(helpdesk);
        var cursor = (await tickets.GetSyncStateAsync(helpdesk, cancellationToken))?.Cursor;
        var startCursor = cursor;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The read not awaited yet: when the run ends early (a failure), it is cancelled and waited for.
        Task<TicketPage>? reading = ReadAheadAsync(source, cursor, stop.Token);
        // The next page's write, built while the current one was saved; null when it is still to be built.
        BuiltAhead? builtAhead = null;
        try
        {
            for (var pages = 1; ; pages++)
            {
                TicketPage page;
                try
                {
                    var read = reading;
                    reading = null;
                    page = await read;
                }
                catch (HelpdeskRateLimitedException e)
                {
                    var now = clock.GetCurrentInstant();
                    await tickets.RecordSyncFailureAsync(helpdesk, now, e.Message, CancellationToken.None);
                    backoff.Set(helpdesk, now + e.RetryAfter);
                    // A one-off run at the instant the helpdesk named; the job returns, so no worker waits meanwhile.
                    jobs.Schedule<SyncJob>(job => job.RunAsync(helpdesk, CancellationToken.None), (now + e.RetryAfter).ToDateTimeOffset());
                    LogRateLimited(helpdesk, e.RetryAfter.ToTimeSpan());
                    return false;
                }
                catch (HelpdeskAuthenticationException e)
                {
                    await tickets.RecordSyncFailureAsync(helpdesk, clock.GetCurrentInstant(), e.Message, CancellationToken.None);
                    LogAuthenticationFailed(e, helpdesk);
                    throw;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await RecordFailureAsync(helpdesk, e);
                    throw;
                }

                var next = page.NextCursor ?? cursor;
                // The next page comes over the network while this one is evaluated and stored. A ticket on both pages
                // is built against what is stored after this page commits, so the two merge (BuildAheadAsync).
                if (!page.EndOfStream && pages < options.Value.MaxPagesPerRun) reading = ReadAheadAsync(source, next, stop.Token);
                // Where writers queue for one lock (SQLite), the previous page's timers finish before this page's write.
                if (options.Value.TimersBesideStore is not true) await Task.WhenAll(reconciling);

                var built = builtAhead;
                builtAhead = null;
                SyncPageWrite write;
                SlaConfiguration builtWith;
                try
                {
                    // A page built ahead with a configuration replaced since is built again: the reload's re-evaluation
                    // may already have passed its tickets, and would not see these clocks of the old rules.
                    if (built is not null && !ReferenceEquals(built.Configuration, configuration.Current))
                    {
                        await Observe(built.Write);
                        built = null;
                    }
                    // A page built ahead carries the cursor it was read with; the run's cursor is the one stored.
                    builtWith = built?.Configuration ?? configuration.Current;
                    write = (await (built?.Write ?? BuildPageAsync(helpdesk, page, builtWith, stop.Token))) with { NextCursor = next };
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await RecordFailureAsync(helpdesk, e);
                    throw;
                }
                var saving = SavePageAsync(helpdesk, write, cancellationToken);
                builtAhead = reading is null ? null : await BuildAheadAsync(helpdesk, page, reading, saving, stop.Token);
                cursor = (await saving).NextCursor;
                if (!ReferenceEquals(builtWith, configuration.Current)) ReevaluateAgain(helpdesk);

                // One reconciliation runs at a time (ReconcileGate): a request made while one runs makes it read the
                // timers again, so every stored due instant is seen. A failed one ends the run, as it did inline.
                reconciling.RemoveAll(t => t.IsCompletedSuccessfully);
                if (reconciling.Find(t => t.IsFaulted || t.IsCanceled) is { } failed) await failed;
                reconciling.Add(Task.Run(() => timers.ReconcileAsync(cancellationToken), CancellationToken.None));

                if (page.EndOfStream) return false;
                if (reading is null)
                {
                    // A helpdesk that says "more" without moving its cursor is not read again at once (no busy loop).
                    var moved = !string.Equals(cursor, startCursor, StringComparison.Ordinal);
                    LogMorePages(helpdesk, options.Value.MaxPagesPerRun, moved ? "now" : "on its schedule");
                    return moved;
                }
            }
        }
        finally
        {
            if (reading is not null || builtAhead is not null)
            {
                await stop.CancelAsync();
                if (reading is not null) await Observe(reading);
                if (builtAhead is not null) await Observe(builtAhead.Write);
            }
        }
    }

    /// <summary>
    /// While <paramref name="page"/> is saved: once the next page has been read, starts building it — unless it lists a
    /// ticket of this page, whose stored record this save is about to change (then it is built after the save, as
    /// before). Returns null when nothing was started: the save ended first, or the read failed (the loop reports it).
    /// </summary>
    private async Task<BuiltAhead?> BuildAheadAsync(
        string helpdesk, TicketPage page, Task<TicketPage> reading, Task saving, CancellationToken cancellationToken)
    {
        if (await Task.WhenAny(saving, reading) != reading || !reading.IsCompletedSuccessfully) return null;
        var nextPage = reading.Result;
        var saved = page.Tickets.Select(TicketKey.Of).ToHashSet();
        if (nextPage.Tickets.Any(t => saved.Contains(TicketKey.Of(t)))) return null;
        var current = configuration.Current;
        return new BuiltAhead(current, Task.Run(() => BuildPageAsync(helpdesk, nextPage, current, cancellationToken), CancellationToken.None));
    }

    /// <summary>Starts reading a page off the caller's path (a source may do its work before its first await).</summary>
    private static Task<TicketPage> ReadAheadAsync(ITicketSource source, string? cursor, CancellationToken cancellationToken) =>
        Task.Run(() => source.ReadChangesAsync(cursor, cancellationToken), CancellationToken.None);

    /// <summary>Waits for work whose outcome no longer matters (the run failed meanwhile, and that failure is reported).</summary>
    private static async Task Observe(Task work)
    {
        try
        {
            await work;
        }
        catch (Exception)
        {
            // The run's own failure is the one reported.
        }
    }

    /// <summary>Reads the stored records of the page's tickets and builds what is written: merged timelines, evaluated clocks.</summary>
    private async Task<SyncPageWrite> BuildPageAsync(string helpdesk, TicketPage page, SlaConfiguration configured, CancellationToken cancellationToken)
    {
        var keys = page.Tickets.Select(TicketKey.Of).Distinct().ToList();
        var stored = await tickets.GetTicketsAsync(keys, cancellationToken);
        return SyncPageBuilder.Build(helpdesk, page, stored, configured.Rules, clock.GetCurrentInstant(),
            (rejected, e) => LogQuarantined(e, rejected.Source, rejected.ExternalId ?? "(no id)", rejected.Reason));
    }

    private async Task<SyncPageWrite> SavePageAsync(string helpdesk, SyncPageWrite write, CancellationToken cancellationToken)
    {
        try
        {
            await tickets.SavePageAsync(write, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(helpdesk, e);
            throw;
        }
        if (write.Tickets.Length > 0 || write.Rejected.Length > 0) LogStored(helpdesk, write.Tickets.Length, write.Rejected.Length);
        return write;
    }

    /// <summary>
    /// A reload replaced the rules this page was evaluated with before it committed. The reload's re-evaluation
    /// (<see cref="ReevaluateOpenTicketsJob"/>) passes the stored open tickets once, in key order, and may have passed
    /// this page's keys before they were stored — they would keep the old rules' clocks, and a timer at the old rules'
    /// instant, until their next change. So the pass is queued again, now that the page is stored: a job, retried
    /// like the reload's own, not work that a failure here could lose.
    /// </summary>
    private void ReevaluateAgain(string helpdesk)
    {
        ReevaluateOpenTicketsJob.Enqueue(jobs);
        LogReevaluateAgain(helpdesk);
    }

    /// <summary>Records a failed step as the helpdesk's last sync error (the caller rethrows it).</summary>
    private Task RecordFailureAsync(string helpdesk, Exception e) =>
        tickets.RecordSyncFailureAsync(helpdesk, clock.GetCurrentInstant(), $"{e.GetType().Name}: {e.Message}", CancellationToken.None);

    /// <summary>A page's write being built beside the previous page's save, and the configuration it is built with.</summary>
    private sealed record BuiltAhead(SlaConfiguration Configuration, Task<SyncPageWrite> Write);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync {Helpdesk}: another run is busy; skipping this one.")]
    private partial void LogBusy(string helpdesk);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync {Helpdesk}: the helpdesk asked to wait until {Until}; skipping this run.")]
    private partial void LogWaiting(string helpdesk, Instant until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {Helpdesk}: rate limited by the helpdesk; the next run is in {RetryAfter}.")]
    private partial void LogRateLimited(string helpdesk, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {Helpdesk}: the helpdesk refused the credentials; fix them in Helpdesks:{Helpdesk}. The job fails and runs again on its schedule.")]
    private partial void LogAuthenticationFailed(Exception e, string helpdesk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {Helpdesk}: quarantined ticket {ExternalId}: {Reason}")]
    private partial void LogQuarantined(Exception e, string helpdesk, string externalId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Helpdesk}: stored {Tickets} tickets ({Rejected} quarantined).")]
    private partial void LogStored(string helpdesk, int tickets, int rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Helpdesk}: the configuration changed while a page was stored; the open tickets are re-evaluated again.")]
    private partial void LogReevaluateAgain(string helpdesk);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Helpdesk}: read {Pages} pages, more to come; the next run starts {When}.")]
    private partial void LogMorePages(string helpdesk, int pages, string when);
}
