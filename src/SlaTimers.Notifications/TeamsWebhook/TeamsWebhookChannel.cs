using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.TeamsWebhook;

/// <summary>
/// Posts the message's Adaptive Card to a Teams Workflows webhook. The recipient address is <c>env:NAME</c>; the
/// URL is read from that variable at send time (a missing variable is permanent and named; the URL itself never
/// appears in a message or log). 2xx is delivered; 429 (Retry-After) and 5xx transient; other 4xx permanent.
/// </summary>
public sealed class TeamsWebhookChannel : INotificationChannel
{
    public const string ChannelName = "teams-webhook";
    public const string EnvironmentPrefix = "env:";

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _environment;

    public TeamsWebhookChannel(IOptions<TeamsWebhookOptions> options, IHttpClientFactory httpClients, TimeProvider time)
        : this(options, httpClients, time, Environment.GetEnvironmentVariable)
    {
    }

    internal TeamsWebhookChannel(IOptions<TeamsWebhookOptions> options, IHttpClientFactory httpClients, TimeProvider time, Func<string, string?> environment)
    {
        _http = httpClients.CreateClient(NotificationsHostingExtensions.WebhookHttpClient);
        _http.Timeout = options.Value.Timeout;
        _time = time;
        _environment = environment;
    }

    public string Name => ChannelName;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var url = Resolve(message.RecipientAddress);
        string payload;
        try
        {
            payload = AdaptiveCards.WebhookPayload(message.AdaptiveCard ?? AdaptiveCards.Plain(message));
        }
        catch (JsonException e)
        {
            throw new PermanentDeliveryException($"{ChannelName}: the Adaptive Card is not valid JSON: {e.Message}", e);
        }

        HttpResponseMessage response;
        try
        {
            using var content = new StringContent(payload, Encoding.UTF8, "application/json");
            response = await _http.PostAsync(url, content, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientDeliveryException($"{ChannelName} {message.RecipientAddress}: the webhook could not be reached ({e.GetType().Name})", null, e);
        }
        using (response)
        {
            if (HttpDeliveryFailures.IsSuccess(response.StatusCode)) return;
            throw HttpDeliveryFailures.Classify($"{ChannelName} {message.RecipientAddress}", (int)response.StatusCode,
                HttpDeliveryFailures.RetryAfter(response, _time.GetUtcNow()), response.StatusCode == HttpStatusCode.NotFound ? "(the flow was deleted or its URL changed?)" : null);
        }
    }

    private Uri Resolve(string target)
    {
        if (!target.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) || target.Length == EnvironmentPrefix.Length)
        {
            throw new PermanentDeliveryException($"{ChannelName}: the target must be {EnvironmentPrefix}NAME (the webhook URL is a secret and lives in the environment), not '{MessageText.Shorten(target, 12)}'");
        }
        var name = target[EnvironmentPrefix.Length..];
        var value = _environment(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PermanentDeliveryException($"{ChannelName}: the environment variable {name} (the webhook URL) is not set");
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw new PermanentDeliveryException($"{ChannelName}: the environment variable {name} does not hold an https URL");
        }
        return url;
    }
}
