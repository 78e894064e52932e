using NodaTime;

namespace SlaTimers.Core.Notifications;

/// <summary>The notification ledger: one row per notification key; the database decides who sends.</summary>
public interface INotificationLedger
{
    /// <summary>Records notifications that are not yet in the ledger; returns the keys that were new.</summary>
    Task<IReadOnlyList<string>> AddIfAbsentAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a pending notification (or one whose sending claim expired) for <paramref name="lease"/>;
    /// null when it is delivered, failed, or claimed by someone else.
    /// </summary>
    Task<Notification?> TryClaimAsync(string key, Instant now, Duration lease, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string key, Instant at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: <paramref name="permanent"/> ends it as Failed, otherwise it returns to Pending.</summary>
    Task MarkFailedAsync(string key, Instant at, string error, bool permanent, CancellationToken cancellationToken);

    Task<Notification?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Pending notifications whose claim is absent or expired, for the recovery sweep after a crash.</summary>
    Task<IReadOnlyList<Notification>> GetUndeliveredAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Pending notifications (not claimed) of one recipient that are due by <paramref name="dueBy"/>, earliest first:
    /// the companions a digest takes along. Each still has to be claimed before it is sent.
    /// </summary>
    Task<IReadOnlyList<Notification>> GetPendingForRecipientAsync(string recipient, Instant dueBy, int limit, CancellationToken cancellationToken);
}
