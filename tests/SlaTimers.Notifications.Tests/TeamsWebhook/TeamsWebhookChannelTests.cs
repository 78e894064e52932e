using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.TeamsWebhook;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;
using SlaTimers.Notifications.Tests.Templates;

namespace SlaTimers.Notifications.Tests.TeamsWebhook;

public sealed class TeamsWebhookChannelTests : IAsyncLifetime
{
    private StubHttpServer _webhook = null!;
    private readonly Dictionary<string, string> _environment = [];

    public async Task InitializeAsync() => _webhook = await StubHttpServer.StartAsync();

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    private TeamsWebhookChannel Channel() =>
        new(Options.Create(new TeamsWebhookOptions()), Http.Factory, TimeProvider.System, name => _environment.GetValueOrDefault(name));

    private OutgoingMessage Message(string subject) =>
        TemplateMessageComposerTests.Shipped().Compose(Samples.Warning(subject)) with { RecipientAddress = "env:TEAMS_SERVICEDESK" };

    [Fact]
    public async Task The_card_arrives_with_a_hostile_subject_as_literal_text_and_nothing_interpreted()
    {
        _environment["TEAMS_SERVICEDESK"] = _webhook.BaseAddress + "/workflows/abc?sig=secret-signature";

        await Channel().SendAsync(Message(TemplateMessageComposerTests.Hostile), CancellationToken.None);

        var post = Assert.Single(_webhook.Requests);
        Assert.Equal("/workflows/abc?sig=secret-signature", post.Path);
        Assert.StartsWith("application/json", post.ContentType);
        using var payload = JsonDocument.Parse(post.Body);
        Assert.Equal("message", payload.RootElement.GetProperty("type").GetString());
        var attachment = payload.RootElement.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());

        var subject = card.GetProperty("body")[1].GetProperty("text").GetString()!;
        // Literal: the markup, the Liquid and the Markdown are all there as characters, escaped for Markdown ...
        Assert.Contains(@"\<script\>alert\(1\)\</script\>", subject);
        Assert.Contains("{{ x }}", subject);
        Assert.Contains(@"\*\*bold\*\*", subject);
        Assert.Contains(@"\[link\]\(http://evil\)", subject);
        // ... and the card-template expression cannot bind: "$" and "{" are kept apart.
        Assert.Contains("$\u200B{y}", subject);
        Assert.DoesNotContain("${", post.Body);
        Assert.DoesNotContain("<script>", post.Body);
    }

    [Fact]
    public async Task Without_a_template_a_plain_card_is_built_with_the_same_escaping()
    {
        _environment["TEAMS_SERVICEDESK"] = _webhook.BaseAddress + "/hook";
        var message = DefaultMessageComposer.Compose(Samples.Warning(TemplateMessageComposerTests.Hostile)) with { RecipientAddress = "env:TEAMS_SERVICEDESK" };

        await Channel().SendAsync(message, CancellationToken.None);

        using var payload = JsonDocument.Parse(Assert.Single(_webhook.Requests).Body);
        var card = payload.RootElement.GetProperty("attachments")[0].GetProperty("content");
        var texts = card.GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.Contains(@"\*\*bold\*\*", StringComparison.Ordinal) && t.Contains("$\u200B{y}", StringComparison.Ordinal));
        Assert.Equal("https://example.zendesk.com/agent/tickets/4821", card.GetProperty("actions")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_missing_environment_variable_is_permanent_and_named_without_any_url()
    {
        var refused = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel().SendAsync(Message("x"), CancellationToken.None));
        Assert.Contains("TEAMS_SERVICEDESK", refused.Message);
        Assert.Contains("not set", refused.Message);
        Assert.Empty(_webhook.Requests);
    }

    [Fact]
    public async Task A_literal_url_as_target_is_refused_and_not_repeated()
    {
        var message = Message("x") with { RecipientAddress = "https://prod.example/workflows/abc?sig=secret-signature" };
        var refused = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel().SendAsync(message, CancellationToken.None));
        Assert.DoesNotContain("secret-signature", refused.Message);
    }

    [Fact]
    public async Task A_429_is_transient_with_its_delay_a_5xx_transient_and_a_4xx_permanent_and_the_url_never_shows()
    {
        _environment["TEAMS_SERVICEDESK"] = _webhook.BaseAddress + "/hook?sig=secret-signature";
        _webhook.Respond = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = "5";
            return Task.CompletedTask;
        };
        var throttled = await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel().SendAsync(Message("x"), CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(5), throttled.RetryAfter);

        _webhook.Respond = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        };
        await Assert.ThrowsAsync<TransientDeliveryException>(() => Channel().SendAsync(Message("x"), CancellationToken.None));

        _webhook.Respond = (_, response) =>
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        };
        var gone = await Assert.ThrowsAsync<PermanentDeliveryException>(() => Channel().SendAsync(Message("x"), CancellationToken.None));
        Assert.Contains("env:TEAMS_SERVICEDESK", gone.Message);
        Assert.DoesNotContain("secret-signature", gone.ToString());
        Assert.DoesNotContain("secret-signature", throttled.ToString());
    }
}
