namespace SlaTimers.Notifications.Messages;

/// <summary>
/// A message ready for a channel. <see cref="MessageId"/> is derived from the ledger key, so a retry is the
/// same message; <see cref="ThreadId"/> is shared by every notice of one ticket clock, so they thread.
/// </summary>
public sealed record OutgoingMessage(
    string NotificationKey,
    string MessageId,
    string ThreadId,
    string RecipientName,
    string RecipientAddress,
    string Language,
    string Subject,
    string TextBody,
    string HtmlBody);
