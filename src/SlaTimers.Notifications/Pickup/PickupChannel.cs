using Microsoft.Extensions.Options;
using MimeKit;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Pickup;

/// <summary>
/// Writes each message as <c>&lt;id&gt;.eml</c> into the pickup folder (as IIS/Exchange pickup folders and mail
/// tools read them). The file name comes from the notification key and the file appears atomically
/// (written aside, then moved), so a retry after a crash rewrites the same file instead of adding one.
/// </summary>
public sealed class PickupChannel(IOptions<PickupOptions> options) : INotificationChannel
{
    public const string ChannelName = "pickup";

    public string Name => ChannelName;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.Directory);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, MessageIds.FileName(message.NotificationKey) + ".eml");
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");

        var mime = MimeMessages.Build(message, MailboxAddress.Parse(options.Value.From));
        await using (var stream = File.Create(temporary))
        {
            await mime.WriteToAsync(stream, cancellationToken);
        }
        File.Move(temporary, target, overwrite: true);
    }
}
