using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Records the notifications of due checkpoints in the ledger and queues a <see cref="DeliveryJob"/> for each one
/// that is new there; a notification the ledger already has (a timer that fired twice) is not queued again. One
/// that cannot be delivered (no address) is marked failed at once, with the reason. One held for the recipient's
/// quiet hours is scheduled for their opening, and a warning that may join a digest for the end of the digest window
/// (see <see cref="DeliveryTiming"/>).
/// </summary>
public sealed partial class CheckpointNotifier(
    INotificationLedger ledger,
    IBackgroundJobClient jobs,
    IChannelStrategy channels,
    IOptions<DeliveryOptions> options,
    ILogger<CheckpointNotifier> logger)
{
    /// <returns>The keys that were new in the ledger.</returns>
    public async Task<IReadOnlyList<string>> NotifyAsync(
        Ticket ticket,
        IReadOnlyCollection<(Clock Clock, ClockCheckpoint Checkpoint)> due,
        SlaConfiguration configuration,
        Instant now,
        CancellationToken cancellationToken)
    {
        var planned = NotificationPlanner.Plan(ticket, due, configuration, channels, options.Value, now);
        if (planned.Count == 0) return [];
        var added = await ledger.AddIfAbsentAsync([.. planned.Select(p => p.Notification)], cancellationToken);
        var isNew = added.ToHashSet(StringComparer.Ordinal);
        foreach (var plan in planned.Where(p => isNew.Contains(p.Notification.Key)))
        {
            var key = plan.Notification.Key;
            if (plan.Problem is { } problem)
            {
                await ledger.MarkFailedAsync(key, now, problem, retryAt: null, cancellationToken);
                LogUnreachable(ticket.DisplayId, plan.Notification.CheckpointKey, plan.Notification.Recipient, problem);
                continue;
            }
            var title = plan.Title;
            if (DeliveryTiming.FirstAttempt(plan.Notification, options.Value, now) is { } at)
            {
                jobs.Schedule<DeliveryJob>(job => job.DeliverAsync(key, title, CancellationToken.None), at.ToDateTimeOffset());
                if (plan.HeldUntil is { } held) LogHeld(ticket.DisplayId, plan.Notification.CheckpointKey, plan.Notification.Recipient, held);
            }
            else
            {
                jobs.Enqueue<DeliveryJob>(job => job.DeliverAsync(key, title, CancellationToken.None));
            }
        }
        return added;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Ticket {Ticket}, checkpoint {Checkpoint}: cannot notify {Recipient}: {Problem}. Recorded as failed; the other recipients are notified.")]
    private partial void LogUnreachable(string ticket, string checkpoint, string recipient, string problem);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Ticket {Ticket}, checkpoint {Checkpoint}: {Recipient} is in quiet hours; the notification waits until {HeldUntil}.")]
    private partial void LogHeld(string ticket, string checkpoint, string recipient, Instant heldUntil);
}
