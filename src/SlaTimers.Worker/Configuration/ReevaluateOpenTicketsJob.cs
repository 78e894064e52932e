using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// After a configuration change: every open ticket's clocks again with the current rules (a calendar, policy or
/// budget edit moves deadlines deterministically), saved page by page, and the timers moved to match.
/// </summary>
public sealed partial class ReevaluateOpenTicketsJob(
    ITicketStore tickets,
    TimerScheduler timers,
    SlaConfigurationHolder configuration,
    IEvaluatedConfiguration evaluated,
    IClock clock,
    ILogger<ReevaluateOpenTicketsJob> logger)
{
    public const int PageSize = 200;

    /// <summary>How often the tickets a sync page wrote meanwhile are read and evaluated again before the job gives up.</summary>
    public const int StaleRounds = 3;

    /// <summary>Queues a pass (after a reload, at a start with another folder, when a page straddled a reload, …).</summary>
    /// <returns>The job's id.</returns>
    public static string Enqueue(IBackgroundJobClient jobs) => jobs.Enqueue<ReevaluateOpenTicketsJob>(job => job.RunAsync(CancellationToken.None));

    [Queue(HangfireQueues.Default)]
    [JobDisplayName("Re-evaluate open tickets (configuration changed)")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loaded = configuration.Loaded;
        TicketKey? after = null;
        var total = 0;
        var unsettled = new List<TicketKey>();
        while (true)
        {
            var page = await tickets.GetOpenTicketsAsync(after, PageSize, cancellationToken);
            if (page.Count == 0) break;
            var evaluated = Evaluate(page);
            var stale = await tickets.SaveEvaluationsAsync(evaluated, cancellationToken);
            total += evaluated.Count - stale.Count;
            (var saved, stale) = await SaveNewerStatesAsync(stale, cancellationToken);
            total += saved;
            unsettled.AddRange(stale);
            await timers.ReconcileAsync(cancellationToken);
            after = page[^1].Key;
            if (page.Count < PageSize) break;
        }
        if (unsettled.Count > 0)
        {
            // Never left with the old rules' clocks (and timers): failing makes Hangfire run the whole pass again.
            throw new InvalidOperationException(
                $"{unsettled.Count} ticket(s) kept changing while they were re-evaluated with the new configuration "
                + $"({string.Join(", ", unsettled.Take(10))}); the re-evaluation runs again.");
        }
        // Every open ticket now has this configuration's clocks — unless it was replaced meanwhile: then the reload's
        // own pass records the newer one (and a start that finds the older one recorded runs another pass: harmless).
        if (ReferenceEquals(configuration.Loaded, loaded) && loaded.Fingerprint is { } fingerprint) evaluated.Record(fingerprint);
        LogDone(total);
    }

    /// <summary>
    /// Evaluates again the tickets whose save was refused because a sync page wrote them after they were read. That page
    /// may have been evaluated with the rules before the change (built just before it, committed just after the read
    /// here), so leaving the ticket to it could keep the old rules' clocks and timer until its next change.
    /// </summary>
    /// <returns>How many were saved, and those still stale after <see cref="StaleRounds"/> rounds.</returns>
    private async Task<(int Saved, IReadOnlyList<TicketKey> Stale)> SaveNewerStatesAsync(IReadOnlyList<TicketKey> stale, CancellationToken cancellationToken)
    {
        var saved = 0;
        for (var round = 0; round < StaleRounds && stale.Count > 0; round++)
        {
            // A ticket gone meanwhile needs nothing any more.
            var newer = await tickets.GetTicketsAsync(stale, cancellationToken);
            var evaluated = Evaluate([.. newer.Values]);
            stale = await tickets.SaveEvaluationsAsync(evaluated, cancellationToken);
            saved += evaluated.Count - stale.Count;
        }
        return (saved, stale);
    }

    private List<TicketRecord> Evaluate(IReadOnlyList<TicketRecord> records)
    {
        var now = clock.GetCurrentInstant();
        var rules = configuration.Current.Rules;
        var evaluated = new List<TicketRecord>(records.Count);
        foreach (var record in records)
        {
            try
            {
                evaluated.Add(TicketEvaluation.Reevaluate(record, rules, now, fireForDueNow: true));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One ticket the new rules cannot evaluate keeps its clocks; the others move on.
                LogTicketFailed(e, record.Ticket.DisplayId);
            }
        }
        return evaluated;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-evaluation: ticket {Ticket} could not be evaluated with the new configuration; it keeps its clocks.")]
    private partial void LogTicketFailed(Exception e, string ticket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-evaluated {Count} open tickets with the current configuration.")]
    private partial void LogDone(int count);
}
