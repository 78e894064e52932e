using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Notifications;

/// <summary>Where a notification stands in the ledger.</summary>
public enum DeliveryState
{
    /// <summary>Recorded, not yet sent (or released for a retry).</summary>
    Pending,

    /// <summary>Claimed by a worker that is sending it; the claim expires after a lease.</summary>
    Sending,

    /// <summary>Accepted by the channel.</summary>
    Delivered,

    /// <summary>Refused for good (e.g. SMTP 5xx, no address); visible on the dashboard.</summary>
    Failed,
}

/// <summary>
/// One notification: (ticket, clock, checkpoint, recipient) with its unique <see cref="Key"/>. The ledger row
/// is claimed before sending and marked delivered after, so retries, crashes and several workers never send
/// it twice; the channel derives the message id from the key, so a retry after a crash is the same message.
/// </summary>
public sealed record Notification
{
    public required string Key { get; init; }
    public required TicketKey Ticket { get; init; }
    public required string ClockKey { get; init; }
    public required string CheckpointKey { get; init; }

    /// <summary>The recipient as resolved: a person id, an address or a channel id.</summary>
    public required string Recipient { get; init; }

    /// <summary>The channel that delivers it, e.g. "pickup", "smtp".</summary>
    public required string Channel { get; init; }

    /// <summary>
    /// When the notification is due for delivery: its checkpoint's instant, or — when the checkpoint came while the
    /// recipient's quiet hours were on — the next opening of their quiet-hours calendar. It is not sent before it,
    /// and the recovery sweep only takes it up after it. A delivery well after it says it is late.
    /// </summary>
    public required Instant DueAt { get; init; }

    /// <summary>
    /// When the notification was recorded in the ledger (its checkpoint fired): a delivery waits from its due instant
    /// or from then, whichever came later — a ticket first synced with a checkpoint long past is not a late delivery.
    /// Null for notifications recorded before the ledger kept it (schema version 5).
    /// </summary>
    public Instant? RecordedAt { get; init; }

    public DeliveryState State { get; init; } = DeliveryState.Pending;
    public int Attempts { get; init; }

    /// <summary>
    /// When the last delivery attempt claimed the notification, or — once that attempt failed — when it failed: a retry
    /// waits from then. Null while it was never tried.
    /// </summary>
    public Instant? LastAttemptAt { get; init; }

    /// <summary>
    /// When the retry of a failed attempt is due: the instant its delivery job scheduled it for. Null while it is not
    /// waiting for a retry (never tried, claimed, delivered, failed for good), and for one that failed before the
    /// ledger recorded it.
    /// </summary>
    public Instant? NextAttemptAt { get; init; }

    public Instant? DeliveredAt { get; init; }
    public string? LastError { get; init; }

    /// <summary>The key of a notification: stable for the same ticket, clock, checkpoint and recipient.</summary>
    public static string MakeKey(TicketKey ticket, string clockKey, string checkpointKey, string recipient) =>
        $"{ticket.Source}/{ticket.ExternalId}/{clockKey}/{checkpointKey}/{recipient}".ToLowerInvariant();
}
