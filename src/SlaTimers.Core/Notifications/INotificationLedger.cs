using NodaTime;

namespace SlaTimers.Core.Notifications;

/// <summary>The notification ledger: one row per notification key; the database decides who sends.</summary>
public interface INotificationLedger
{
    /// <summary>Records notifications that are not yet in the ledger; returns the keys that were new.</summary>
    Task<IReadOnlyList<string>> AddIfAbsentAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a pending notification (or one whose sending claim expired) for <paramref name="lease"/>, as an attempt made
    /// at <paramref name="now"/>; null when it is delivered, failed, or claimed by someone else.
    /// </summary>
    Task<Notification?> TryClaimAsync(string key, Instant now, Duration lease, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string key, Instant at, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt. With <paramref name="retryAt"/> it returns to Pending, its retry due then
    /// (<see cref="Notification.NextAttemptAt"/>); without (null) it failed for good and ends as Failed. The attempt's
    /// instant (<see cref="Notification.LastAttemptAt"/>) moves to <paramref name="at"/> when it was claimed.
    /// </summary>
    Task MarkFailedAsync(string key, Instant at, string error, Instant? retryAt, CancellationToken cancellationToken);

    Task<Notification?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Notifications that lost their delivery job, for the recovery sweep, earliest due first — three kinds:
    /// <list type="bullet">
    /// <item>pending and never tried (attempts zero), due more than <see cref="LostNotificationRules.RecoverAfter"/>
    /// (plus <see cref="DigestHold.Window"/> for one of <see cref="LostNotificationRules.Digest"/>'s kind) before
    /// <paramref name="now"/>: its first job was lost (a crash between the ledger and the queue);</item>
    /// <item>pending after a failed attempt, its retry due (<see cref="Notification.NextAttemptAt"/>) more than
    /// <see cref="LostNotificationRules.RetryGrace"/> before <paramref name="now"/>: its retry job was lost (deleted on
    /// the dashboard, expired). One failed before the ledger recorded that instant counts from its last attempt and
    /// its due instant plus <see cref="LostNotificationRules.LongestRetryDelay"/>;</item>
    /// <item>sending, its claim run out: its sender crashed.</item>
    /// </list>
    /// Each one returned is marked re-queued at <paramref name="now"/> in the same statement, and is not taken again
    /// until <see cref="LostNotificationRules.RequeueInterval"/> has passed — or until it was tried again since (the job
    /// queued for it ran) and that attempt is lost too. So of several sweeps at once only one takes a notification, and
    /// a slow queue gets one job per notification per interval. The limit counts only the notifications taken: however
    /// many others wait (for a retry, quiet hours, a digest), none is hidden behind them. Taking one claims nothing: its
    /// job still has to.
    /// </summary>
    Task<IReadOnlyList<Notification>> TakeLostAsync(Instant now, LostNotificationRules rules, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Pending notifications (not claimed) of one recipient that are due by <paramref name="dueBy"/>, earliest first:
    /// the companions a digest takes along. Each still has to be claimed before it is sent.
    /// </summary>
    Task<IReadOnlyList<Notification>> GetPendingForRecipientAsync(string recipient, Instant dueBy, int limit, CancellationToken cancellationToken);
}
