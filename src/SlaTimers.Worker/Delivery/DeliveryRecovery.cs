using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// The sweep after a crash: queues a delivery job again for a notification that lost its own — one recorded but
/// never tried (a crash between the ledger and the queue), or one whose sender's claim ran out (a crash while
/// sending) — once per <see cref="DeliveryOptions.RequeueInterval"/>, so a slow queue is not given a job a minute for
/// each; the ledger picks them (the limit counts only those). A notification that failed transiently belongs to its
/// job's retries and is left to them — until none has come <see cref="DeliveryOptions.LostRetryGrace"/> after the
/// instant its retry was due (as the ledger recorded it): then its retry job was lost (deleted on the dashboard,
/// expired, or a job rescheduled to a quiet-hours opening that never ran) and it is queued again, in the same sweep and
/// under the same once-per-interval rule. One held for quiet hours, or waiting for its digest window, is not lost until that wait is over too. A job queued here claims the ledger row like any other, so a notification is
/// never sent by two at once, however many jobs it has.
/// </summary>
public sealed partial class DeliveryRecovery(
    INotificationLedger ledger,
    ITicketStore tickets,
    IBackgroundJobClient jobs,
    SlaConfigurationHolder configuration,
    IClock clock,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryRecovery> logger)
{
    private const int BatchSize = 500;

    /// <returns>How many delivery jobs were queued again.</returns>
    public async Task<int> RequeueLostAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var lost = await ledger.TakeLostAsync(now, DeliveryTiming.LostRules(options.Value), BatchSize, cancellationToken);
        if (lost.Count == 0) return 0;

        var records = await tickets.GetTicketsAsync([.. lost.Select(n => n.Ticket).Distinct()], cancellationToken);
        var current = configuration.Current;
        foreach (var notification in lost)
        {
            Enqueue(notification, records.GetValueOrDefault(notification.Ticket), current, now);
            if (notification is { State: DeliveryState.Pending, Attempts: > 0 })
            {
                LogRetryLost(notification.Key, notification.Attempts, notification.LastAttemptAt, notification.NextAttemptAt);
            }
            else
            {
                LogRequeued(notification.Key, notification.State.ToString().ToLowerInvariant());
            }
        }
        return lost.Count;
    }

    private void Enqueue(Notification notification, TicketRecord? record, SlaTimers.Configuration.SlaConfiguration current, Instant now)
    {
        var key = notification.Key;
        var title = Title(notification, record, current, now);
        jobs.Enqueue<DeliveryJob>(job => job.DeliverAsync(key, title, CancellationToken.None));
    }

    private string Title(Notification notification, TicketRecord? record, SlaTimers.Configuration.SlaConfiguration current, Instant now)
    {
        var recipient = RecipientResolver.FromId(notification.Recipient, current.Recipients, options.Value.DefaultLanguage).DisplayName;
        var clock = record?.Clocks.FirstOrDefault(c => c.Key == notification.ClockKey);
        var checkpoint = clock?.Checkpoints.FirstOrDefault(c => c.Definition.Key == notification.CheckpointKey);
        var title = clock is not null && checkpoint is not null
            ? CheckpointTitles.Format(record!.Ticket.DisplayId, clock.Metric, checkpoint.Definition, clock.Deadline, ClockZones.Of(current, clock), now)
            : $"{notification.CheckpointKey} · {notification.Ticket}";
        return NotificationPlanner.DeliveryTitle(title, recipient);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Key} ({State}) had lost its job; queued it again.")]
    private partial void LogRequeued(string key, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Key} failed {Attempts} time(s) and its retry never came (last attempt {LastAttemptAt}, retry due {NextAttemptAt}); queued it again.")]
    private partial void LogRetryLost(string key, int attempts, Instant? lastAttemptAt, Instant? nextAttemptAt);
}
