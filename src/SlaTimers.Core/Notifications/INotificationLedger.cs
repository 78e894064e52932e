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
    /// Notifications that lost their delivery job, for the recovery sweep after a crash, earliest due first: pending ones
    /// never tried (attempts zero) whose due instant lies more than <see cref="LostNotificationRules.RecoverAfter"/> (plus
    /// <see cref="DigestHold.Window"/> for one of <see cref="LostNotificationRules.Digest"/>'s kind) before
    /// <paramref name="now"/>, and ones whose sending claim ran out. Each one returned is marked re-queued at
    /// <paramref name="now"/> in the same statement, and is not taken again until
    /// <see cref="LostNotificationRules.RequeueInterval"/> has passed — or, for one whose claim ran out, until it was
    /// claimed again since (the job queued for it ran) and that claim ran out too. So of several sweeps at once only one
    /// takes a notification, and a slow queue gets one job per notification per interval. The limit counts only the
    /// notifications taken: however many others wait (for a retry, quiet hours, a digest), none is hidden behind them.
    /// Taking one claims nothing: its job still has to.
    /// </summary>
    Task<IReadOnlyList<Notification>> TakeLostAsync(Instant now, LostNotificationRules rules, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Pending notifications that were tried (attempts above zero) and whose retry did not come: its due instant
    /// (<see cref="Notification.NextAttemptAt"/>) lies more than <paramref name="grace"/> before <paramref name="now"/>,
    /// so its retry job was lost (deleted on the dashboard, expired). One failed before the ledger recorded that instant
    /// is taken once its last attempt and its due instant lie more than <paramref name="longestRetryDelay"/> plus
    /// <paramref name="grace"/> before <paramref name="now"/>. Earliest due first. Each one returned is marked re-queued
    /// at <paramref name="now"/>, and is not taken again within <paramref name="grace"/>.
    /// Taking one claims nothing: its job still has to.
    /// </summary>
    Task<IReadOnlyList<Notification>> TakeStalledAsync(Instant now, Duration grace, Duration longestRetryDelay, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Pending notifications (not claimed) of one recipient that are due by <paramref name="dueBy"/>, earliest first:
    /// the companions a digest takes along. Each still has to be claimed before it is sent.
    /// </summary>
    Task<IReadOnlyList<Notification>> GetPendingForRecipientAsync(string recipient, Instant dueBy, int limit, CancellationToken cancellationToken);
}
