using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MimeKit;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.GraphMail;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.GraphMail;

public sealed class GraphMailChannelTests : IAsyncLifetime
{
    private GraphStub _stub = null!;

    public async Task InitializeAsync() => _stub = await GraphStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private GraphMailChannel Channel(GraphMailFormat format = GraphMailFormat.Json) => new(Options.Create(new GraphMailOptions
    {
        TenantId = "tenant-1", ClientId = "client-1", ClientSecret = "graph-secret", Mailbox = "sla@example.nl",
        AuthorityHost = _stub.AuthorityHost, BaseUrl = _stub.GraphBaseUrl, Format = format,
    }), Http.Factory, TimeProvider.System);

    private static OutgoingMessage Message() => DefaultMessageComposer.Compose(Samples.Warning());

    [Fact]
    public async Task SendMail_posts_the_message_with_our_message_id_and_an_app_only_token()
    {
        var message = Message();
        await Channel().SendAsync(message, CancellationToken.None);

        var token = Assert.Single(_stub.TokenRequests);
        Assert.Equal("/tenant-1/oauth2/v2.0/token", token.Path);
        var form = System.Web.HttpUtility.ParseQueryString(token.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("https://graph.microsoft.com/.default", form["scope"]);
        Assert.Equal("client-1", form["client_id"]);

        var send = Assert.Single(_stub.GraphRequests);
        Assert.Equal("POST", send.Method);
        Assert.Equal("/v1.0/users/sla@example.nl/sendMail", send.Path);
        Assert.Equal("Bearer " + GraphStub.Token, send.Authorization);
        var expected = new Dictionary<string, object>
        {
            ["Message"] = new Dictionary<string, object>
            {
                ["@odata.type"] = "#microsoft.graph.message",
                ["body"] = new { content = message.HtmlBody, contentType = "html" },
                ["internetMessageHeaders"] = new[]
                {
                    new { name = "x-slatimers-key", value = message.NotificationKey },
                    new { name = "x-slatimers-thread", value = $"<{message.ThreadId}>" },
                },
                ["internetMessageId"] = $"<{message.MessageId}>",
                ["subject"] = message.Subject,
                ["toRecipients"] = new[] { new { emailAddress = new { address = "j.devries@example.nl", name = "Jan de Vries" } } },
            },
            ["SaveToSentItems"] = false,
        };
        // The SDK writes the action parameters as Graph's metadata names them ("Message", "SaveToSentItems"); Graph
        // reads them case-insensitively.
        Assert.Equal(GraphStub.Canonical(System.Text.Json.JsonSerializer.Serialize(expected)), GraphStub.Canonical(send.Body));
    }

    [Fact]
    public async Task The_mime_format_carries_message_id_threading_headers_and_both_parts()
    {
        var message = Message();
        await Channel(GraphMailFormat.Mime).SendAsync(message, CancellationToken.None);

        var send = Assert.Single(_stub.GraphRequests);
        Assert.Equal("/v1.0/users/sla@example.nl/sendMail", send.Path);
        Assert.StartsWith("text/plain", send.ContentType);
        var mime = MimeMessage.Load(new MemoryStream(Convert.FromBase64String(send.Body)));
        Assert.Equal(message.MessageId, mime.MessageId);
        Assert.Equal(message.ThreadId, mime.InReplyTo);
        Assert.Equal([message.ThreadId], mime.References);
        Assert.Equal("\"SlaTimers\" <sla@example.nl>", mime.From.ToString());
        Assert.NotNull(mime.TextBody);
        Assert.NotNull(mime.HtmlBody);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_transient_and_carries_the_delay()
    {
        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = "37";
            response.ContentType = "application/json";
            return response.WriteAsync("""{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}""");
        };

        var failure = await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel().SendAsync(Message(), CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(37), failure.RetryAfter);
        Assert.Contains("429", failure.Message);
        Assert.Contains("ApplicationThrottled", failure.Message);
    }

    [Theory]
    [InlineData(GraphMailFormat.Json)]
    [InlineData(GraphMailFormat.Mime)]
    public async Task A_5xx_is_transient_and_a_4xx_is_permanent(GraphMailFormat format)
    {
        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel(format).SendAsync(Message(), CancellationToken.None));

        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            response.ContentType = "application/json";
            return response.WriteAsync("""{"error":{"code":"ErrorAccessDenied","message":"Access is denied."}}""");
        };
        var refused = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel(format).SendAsync(Message(), CancellationToken.None));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task A_401_drops_the_token_and_is_retried()
    {
        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        var channel = Channel();
        await Assert.ThrowsAsync<TransientDeliveryException>(() => channel.SendAsync(Message(), CancellationToken.None));
        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        };
        await channel.SendAsync(Message(), CancellationToken.None);
        Assert.Equal(2, _stub.TokenRequests.Count());
    }
}
