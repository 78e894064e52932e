using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Notifications.Messages;

/// <summary>
/// Everything a message about one checkpoint of one clock says, for one recipient. <see cref="Zone"/> is the
/// recipient's time zone (their quiet-hours calendar's, else the clock's calendar's): every time in the message is
/// shown in it.
/// </summary>
public sealed record NotificationContext(
    string NotificationKey,
    Ticket Ticket,
    Clock Clock,
    ClockCheckpoint Checkpoint,
    string AgreementName,
    string RecipientName,
    string RecipientAddress,
    string Language,
    DateTimeZone Zone,
    Instant Now)
{
    /// <summary>How late a delivery may be before the message says it is late.</summary>
    public static Duration LateAfter { get; } = Duration.FromMinutes(2);

    /// <summary>
    /// Set when the checkpoint came during the recipient's quiet hours: the opening of their working hours it was
    /// held for. The message then says so, and it is late only when it arrives well after that opening.
    /// </summary>
    public Instant? HeldUntil { get; init; }

    /// <summary>
    /// When the delivery was meant to happen, when that is later than the checkpoint for a reason of ours (the end of
    /// a digest window); null: the checkpoint's instant, or <see cref="HeldUntil"/>.
    /// </summary>
    public Instant? PlannedAt { get; init; }

    /// <summary>Was this notification held back for the recipient's quiet hours?</summary>
    public bool IsHeld => HeldUntil is not null;

    /// <summary>Sent more than <see cref="LateAfter"/> after it was meant to go (a retry, an outage, a restart).</summary>
    public bool IsLate => (PlannedAt ?? HeldUntil ?? Checkpoint.At) is { } due && Now - due > LateAfter;
}
