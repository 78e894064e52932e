using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Notifications.Messages;

/// <summary>Everything a message about one checkpoint of one clock says, for one recipient.</summary>
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

    public bool IsLate => Checkpoint.At is { } at && Now - at > LateAfter;
}
