using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Teams;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.Teams;

public sealed class TeamsActivityChannelTests : IAsyncLifetime
{
    private const string UserId = "569363e2-4e49-4661-87f2-16f245c5d66a";
    private const string AppId = "7a1c1e5e-0000-4000-8000-5a17e5000001";
    private GraphStub _stub = null!;

    public async Task InitializeAsync()
    {
        _stub = await GraphStub.StartAsync();
        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private TeamsActivityChannel Channel() => new(Options.Create(new TeamsOptions
    {
        TenantId = "tenant-1", ClientId = "client-1", ClientSecret = "teams-secret", TeamsAppId = AppId,
        AuthorityHost = _stub.AuthorityHost, BaseUrl = _stub.GraphBaseUrl,
    }), Http.Factory, TimeProvider.System);

    private static OutgoingMessage Message() => DefaultMessageComposer.Compose(Samples.Warning()) with { RecipientAddress = UserId };

    [Fact]
    public async Task An_activity_notification_goes_to_the_users_feed_with_topic_type_preview_and_parameters()
    {
        var message = Message();
        await Channel().SendAsync(message, CancellationToken.None);

        var token = System.Web.HttpUtility.ParseQueryString(Assert.Single(_stub.TokenRequests).Body);
        Assert.Equal("client_credentials", token["grant_type"]);
        Assert.Equal("https://graph.microsoft.com/.default", token["scope"]);

        var send = Assert.Single(_stub.GraphRequests);
        Assert.Equal("POST", send.Method);
        Assert.Equal($"/v1.0/users/{UserId}/teamwork/sendActivityNotification", send.Path);
        Assert.Equal("Bearer " + GraphStub.Token, send.Authorization);
        var link = Uri.EscapeDataString("https://example.zendesk.com/agent/tickets/4821");
        var expected = $$"""
            {
              "activityType": "slaWarning",
              "previewText": { "content": {{System.Text.Json.JsonSerializer.Serialize(message.Subject)}} },
              "templateParameters": [
                { "name": "ticket", "value": "ZD-4821" },
                { "name": "target", "value": "first response" },
                { "name": "deadline", "value": "14:30 CET" },
                { "name": "level", "value": "0" }
              ],
              "topic": {
                "source": "text",
                "value": "ZD-4821 Printer offline",
                "webUrl": "https://teams.microsoft.com/l/entity/{{AppId}}/sla?webUrl={{link}}&label=ZD-4821"
              }
            }
            """;
        Assert.Equal(GraphStub.Canonical(expected), GraphStub.Canonical(send.Body));
    }

    [Fact]
    public async Task A_429_is_transient_with_the_delay_and_a_404_is_permanent()
    {
        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = "12";
            return Task.CompletedTask;
        };
        var throttled = await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel().SendAsync(Message(), CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(12), throttled.RetryAfter);

        _stub.Graph = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "application/json";
            return response.WriteAsync("""{"error":{"code":"NotFound","message":"The app is not installed for the user."}}""");
        };
        var refused = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel().SendAsync(Message(), CancellationToken.None));
        Assert.Contains("not installed", refused.Message);
    }

    [Fact]
    public async Task A_recipient_without_a_user_id_is_refused_for_good()
    {
        var message = Message() with { RecipientAddress = "" };
        await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel().SendAsync(message, CancellationToken.None));
        Assert.Empty(_stub.GraphRequests);
    }
}
