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
    IClock clock,
    ILogger<ReevaluateOpenTicketsJob> logger)
{
    public const int PageSize = 200;

    [Queue(HangfireQueues.Default)]
    [JobDisplayName("Re-evaluate open tickets (configuration changed)")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TicketKey? after = null;
        var total = 0;
        while (true)
        {
            var page = await tickets.GetOpenTicketsAsync(after, PageSize, cancellationToken);
            if (page.Count == 0) break;
            var now = clock.GetCurrentInstant();
            var rules = configuration.Current.Rules;
            var evaluated = new List<TicketRecord>(page.Count);
            foreach (var record in page)
            {
                try
                {
                    evaluated.Add(TicketEvaluation.Evaluate(record.Ticket, record.FirstSeen, rules, now, fireForDueNow: true));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One ticket the new rules cannot evaluate keeps its clocks; the others move on.
                    LogTicketFailed(e, record.Ticket.DisplayId);
                }
            }
            await tickets.SaveEvaluationsAsync(evaluated, cancellationToken);
            await timers.ReconcileAsync(cancellationToken);
            total += evaluated.Count;
            after = page[^1].Key;
            if (page.Count < PageSize) break;
        }
        LogDone(total);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-evaluation: ticket {Ticket} could not be evaluated with the new configuration; it keeps its clocks.")]
    private partial void LogTicketFailed(Exception e, string ticket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-evaluated {Count} open tickets with the current configuration.")]
    private partial void LogDone(int count);
}
