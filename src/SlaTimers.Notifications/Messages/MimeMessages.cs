using MimeKit;

namespace SlaTimers.Notifications.Messages;

/// <summary>Builds the MIME form of a message: text and HTML parts, stable Message-Id, threading headers.</summary>
public static class MimeMessages
{
    public static MimeMessage Build(OutgoingMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
        };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(message.RecipientName, message.RecipientAddress));
        mime.InReplyTo = message.ThreadId;
        mime.References.Add(message.ThreadId);
        mime.Headers.Add("X-SlaTimers-Key", message.NotificationKey);
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
