using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Templates;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;
using SlaTimers.Testing.Smtp;

namespace SlaTimers.Notifications.Tests.Smtp;

/// <summary>A digest from the shipped templates, sent over the real SMTP channel to the test server.</summary>
public sealed class SmtpDigestTests
{
    [Fact]
    public async Task A_digest_arrives_as_one_mail_with_both_parts_and_its_stable_id()
    {
        await using var server = SmtpTestServer.Start();
        await using var channel = new SmtpChannel(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, From = "SlaTimers <sla@example.nl>",
            CheckCertificateRevocation = false, Timeout = TimeSpan.FromSeconds(10),
        }), Http.Factory, TimeProvider.System, NullLogger<SmtpChannel>.Instance);
        var first = Samples.Warning("Printer offline", language: "nl");
        var second = first with { NotificationKey = first.NotificationKey + "-2", Ticket = first.Ticket with { ExternalId = "4822", Subject = "VPN down" } };
        var digest = new DigestContext("digest/abc", "Jan de Vries", "j.devries@example.nl", "nl", Samples.Amsterdam, Samples.Now + Duration.FromMinutes(2), [first, second]);
        var message = new TemplateMessageComposer(MessageTemplates.Load(Repository.ConfigDirectory)).ComposeDigest(digest);

        await channel.SendAsync(message, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("2 SLA-waarschuwingen · ZD-4821, ZD-4822", received.Subject);
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Contains("ZD-4822 — VPN down", received.TextBody);
        Assert.Contains("VPN down", received.HtmlBody);
        Assert.Equal("digest/abc", received.Headers["X-SlaTimers-Key"]);
    }
}
