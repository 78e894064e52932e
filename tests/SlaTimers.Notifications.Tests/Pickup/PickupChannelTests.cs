using Microsoft.Extensions.Options;
using MimeKit;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Notifications.Tests.Messages;

namespace SlaTimers.Notifications.Tests.Pickup;

public sealed class PickupChannelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "slatimers-pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private PickupChannel Channel() => new(Options.Create(new PickupOptions { Directory = _folder }));

    [Fact]
    public async Task A_message_becomes_one_eml_file_with_its_headers_and_both_parts()
    {
        var message = DefaultMessageComposer.Compose(Samples.Warning());
        await Channel().SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal(message.MessageId, mime.MessageId);
        Assert.Equal(message.ThreadId, mime.InReplyTo);
        Assert.Equal(message.Subject, mime.Subject);
        Assert.Equal("j.devries@example.nl", mime.To.Mailboxes.Single().Address);
        Assert.Contains("Printer offline", mime.TextBody);
        Assert.Contains("Printer offline", mime.HtmlBody);
        Assert.Equal(message.NotificationKey, mime.Headers["X-SlaTimers-Key"]);
    }

    [Fact]
    public async Task Sending_the_same_notification_again_rewrites_the_same_file()
    {
        var message = DefaultMessageComposer.Compose(Samples.Warning());
        await Channel().SendAsync(message, CancellationToken.None);
        await Channel().SendAsync(message, CancellationToken.None);

        Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
    }
}
