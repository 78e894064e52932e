using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;
using SlaTimers.Testing.Smtp;
using SmtpServer.Protocol;

namespace SlaTimers.Notifications.Tests.Smtp;

public sealed class SmtpChannelTests : IAsyncLifetime
{
    private static readonly X509Certificate2 Certificate = TestCertificates.SelfSigned();
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) await owned.DisposeAsync();
    }

    private SmtpTestServer Server(X509Certificate2? certificate = null, Func<string, string, bool>? authenticate = null)
    {
        var server = SmtpTestServer.Start(certificate, authenticate);
        _owned.Add(server);
        return server;
    }

    private SmtpChannel Channel(int port, Action<SmtpOptions>? configure = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "SlaTimers <sla@example.nl>",
            CheckCertificateRevocation = false, Timeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        var channel = new SmtpChannel(Options.Create(options), Http.Factory, TimeProvider.System, NullLogger<SmtpChannel>.Instance);
        _owned.Add(channel);
        return channel;
    }

    private static OutgoingMessage Message(string subject = "Printer offline") => DefaultMessageComposer.Compose(Samples.Warning(subject));

    [Fact]
    public async Task A_message_arrives_with_its_headers_and_both_parts()
    {
        var server = Server();
        var message = Message();

        await Channel(server.Port).SendAsync(message, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("\"SlaTimers\" <sla@example.nl>", received.From.ToString());
        Assert.Equal("\"Jan de Vries\" <j.devries@example.nl>", received.To.ToString());
        Assert.Equal("Warn 75 % · ZD-4821 · first response · due 14:30 CET", received.Subject);
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Equal(message.ThreadId, received.InReplyTo);
        Assert.Equal([message.ThreadId], received.References);
        Assert.Equal(message.NotificationKey, received.Headers["X-SlaTimers-Key"]);
        Assert.Equal(message.TextBody.ReplaceLineEndings(), received.TextBody!.ReplaceLineEndings());
        Assert.Equal(message.HtmlBody, received.HtmlBody!.TrimEnd());
    }

    [Fact]
    public async Task A_retry_after_a_4xx_sends_the_same_message_id()
    {
        var server = Server();
        var channel = Channel(server.Port);
        server.Reply = new SmtpResponse((SmtpReplyCode)451, "4.3.0 Mail server temporarily rejected message");

        var first = await Assert.ThrowsAsync<TransientDeliveryException>(() => channel.SendAsync(Message(), CancellationToken.None));
        Assert.Contains("451", first.Message);

        server.Reply = null;
        // The job composes the message again for its retry: same notification, same id.
        await channel.SendAsync(Message(), CancellationToken.None);
        Assert.Equal(Message().MessageId, Assert.Single(server.Received).MessageId);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task A_5xx_is_a_permanent_refusal()
    {
        var server = Server();
        server.Reply = new SmtpResponse((SmtpReplyCode)554, "5.7.1 Message rejected as spam");

        var refused = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel(server.Port).SendAsync(Message(), CancellationToken.None));
        Assert.Contains("554", refused.Message);
    }

    [Fact]
    public async Task Many_messages_share_one_connection()
    {
        var server = Server();
        var channel = Channel(server.Port);

        await Task.WhenAll(Enumerable.Range(0, 25).Select(i => channel.SendAsync(Message($"ticket {i}"), CancellationToken.None)));

        Assert.Equal(25, server.Received.Count);
        Assert.Equal(1, server.Sessions);
        Assert.Equal(1, channel.ConnectionsOpened);
    }

    [Fact]
    public async Task An_idle_connection_is_checked_with_noop_and_kept()
    {
        var server = Server();
        var channel = Channel(server.Port, o => o.IdleCheckAfter = TimeSpan.Zero);

        for (var i = 0; i < 3; i++) await channel.SendAsync(Message($"ticket {i}"), CancellationToken.None);

        Assert.Equal(3, server.Received.Count);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task StartTls_with_a_self_signed_certificate_works_when_its_thumbprint_is_pinned()
    {
        var server = Server(Certificate);
        var thumbprint = Convert.ToHexString(SHA256.HashData(Certificate.RawData));

        await Channel(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.AcceptSelfSignedCertificateThumbprint = thumbprint;
        }).SendAsync(Message(), CancellationToken.None);

        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_self_signed_certificate_that_is_not_pinned_is_refused()
    {
        var server = Server(Certificate);

        var refused = await Assert.ThrowsAsync<TransientDeliveryException>(() =>
            Channel(server.Port, o => o.Security = SmtpSecurity.StartTls).SendAsync(Message(), CancellationToken.None));
        Assert.Contains("TLS handshake failed", refused.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_server_without_starttls_is_refused_when_starttls_is_required_and_used_only_with_security_none()
    {
        var server = Server();

        var refused = await Assert.ThrowsAsync<TransientDeliveryException>(() =>
            Channel(server.Port, o => o.Security = SmtpSecurity.StartTls).SendAsync(Message(), CancellationToken.None));
        Assert.Contains("does not offer STARTTLS", refused.Message);
        Assert.Empty(server.Received);

        await Channel(server.Port, o => o.Security = SmtpSecurity.None).SendAsync(Message(), CancellationToken.None);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Username_and_password_authenticate_after_starttls()
    {
        var logins = new List<(string, string)>();
        var server = Server(Certificate, (user, password) =>
        {
            lock (logins) logins.Add((user, password));
            return user == "sla" && password == "s3cret!";
        });
        var thumbprint = Convert.ToHexString(SHA1.HashData(Certificate.RawData));
        var channel = Channel(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.AcceptSelfSignedCertificateThumbprint = thumbprint;
            o.Username = "sla";
            o.Password = "s3cret!";
        });

        await channel.SendAsync(Message(), CancellationToken.None);
        await channel.SendAsync(Message("second"), CancellationToken.None);

        Assert.Equal(2, server.Received.Count);
        Assert.Equal([("sla", "s3cret!")], logins);
    }

    [Fact]
    public async Task A_wrong_password_is_retried_later_and_never_shown()
    {
        var server = Server(Certificate, (_, _) => false);
        var refused = await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.AcceptSelfSignedCertificateThumbprint = Certificate.Thumbprint;
            o.Username = "sla";
            o.Password = "wrong-password-123";
        }).SendAsync(Message(), CancellationToken.None));

        Assert.Contains("authentication of user sla failed", refused.Message);
        Assert.DoesNotContain("wrong-password-123", refused.ToString());
    }

    [Fact]
    public async Task An_address_that_is_no_address_is_refused_for_good_without_connecting()
    {
        var server = Server();
        var message = Message() with { RecipientAddress = "not an address" };

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel(server.Port).SendAsync(message, CancellationToken.None));
        Assert.Equal(0, server.Sessions);
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_transient_failure()
    {
        var port = FreePort();
        var failure = await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel(port).SendAsync(Message(), CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", failure.Message);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
