using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
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
/// clocks in one transaction (the cursor moves only with stored data); then reconciles the timers. One run per
/// helpdesk at a time across all instances; a run that finds another one busy skips.
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
        using var held = locks.TryAcquire(RecurringJobId(helpdesk), TimeSpan.Zero);
        if (held is null)
        {
            LogBusy(helpdesk);
            return;
        }
        if (backoff.Get(helpdesk) is { } until && until - clock.GetCurrentInstant() > BackoffTolerance)
        {
            LogWaiting(helpdesk, until);
            return;
        }

        var source = helpdesks.Get(helpdesk);
        var cursor = (await tickets.GetSyncStateAsync(helpdesk, cancellationToken))?.Cursor;
        for (var pages = 0; pages < options.Value.MaxPagesPerRun; pages++)
        {
            TicketPage page;
            try
            {
                page = await source.ReadChangesAsync(cursor, cancellationToken);
            }
            catch (HelpdeskRateLimitedException e)
            {
                var now = clock.GetCurrentInstant();
                await tickets.RecordSyncFailureAsync(helpdesk, now, e.Message, CancellationToken.None);
                backoff.Set(helpdesk, now + e.RetryAfter);
                // A one-off run at the instant the helpdesk named; the job returns, so no worker waits meanwhile.
                jobs.Schedule<SyncJob>(job => job.RunAsync(helpdesk, CancellationToken.None), (now + e.RetryAfter).ToDateTimeOffset());
                LogRateLimited(helpdesk, e.RetryAfter.ToTimeSpan());
                return;
            }
            catch (HelpdeskAuthenticationException e)
            {
                await tickets.RecordSyncFailureAsync(helpdesk, clock.GetCurrentInstant(), e.Message, CancellationToken.None);
                LogAuthenticationFailed(e, helpdesk);
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await tickets.RecordSyncFailureAsync(helpdesk, clock.GetCurrentInstant(), $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
                throw;
            }

            var write = await StorePageAsync(helpdesk, page with { NextCursor = page.NextCursor ?? cursor }, cancellationToken);
            cursor = write.NextCursor;
            await timers.ReconcileAsync(cancellationToken);
            if (page.EndOfStream) return;
        }
        LogMorePages(helpdesk, options.Value.MaxPagesPerRun);
    }

    private async Task<SyncPageWrite> StorePageAsync(string helpdesk, TicketPage page, CancellationToken cancellationToken)
    {
        try
        {
            var keys = page.Tickets.Select(TicketKey.Of).Distinct().ToList();
            var stored = await tickets.GetTicketsAsync(keys, cancellationToken);
            var write = SyncPageBuilder.Build(helpdesk, page, stored, configuration.Current.Rules, clock.GetCurrentInstant(),
                (rejected, e) => LogQuarantined(e, rejected.Source, rejected.ExternalId ?? "(no id)", rejected.Reason));
            await tickets.SavePageAsync(write, cancellationToken);
            if (write.Tickets.Length > 0 || write.Rejected.Length > 0) LogStored(helpdesk, write.Tickets.Length, write.Rejected.Length);
            return write;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await tickets.RecordSyncFailureAsync(helpdesk, clock.GetCurrentInstant(), $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
            throw;
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Helpdesk}: read {Pages} pages, more to come in the next run.")]
    private partial void LogMorePages(string helpdesk, int pages);
}
