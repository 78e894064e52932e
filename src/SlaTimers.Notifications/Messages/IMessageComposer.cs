namespace SlaTimers.Notifications.Messages;

/// <summary>Turns what a notification is about into the message a channel sends.</summary>
public interface IMessageComposer
{
    OutgoingMessage Compose(NotificationContext context);

    /// <summary>One message for several warnings to one recipient (a digest).</summary>
    OutgoingMessage ComposeDigest(DigestContext digest);
}
