namespace SlaTimers.Notifications.Channels;

/// <summary>
/// A way to deliver a message: pickup folder, SMTP, Graph mail, Teams. Sending the same message twice
/// (same <see cref="Messages.OutgoingMessage.MessageId"/>) must be harmless where the channel allows it.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The configured channel name, e.g. "pickup".</summary>
    string Name { get; }

    /// <exception cref="PermanentDeliveryException">The channel refused the message for good.</exception>
    Task SendAsync(Messages.OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>The channel refused the message for good (e.g. SMTP 5xx, no address): retrying will not help.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
