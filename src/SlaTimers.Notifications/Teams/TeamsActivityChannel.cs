using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Graph;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Teams;

/// <summary>
/// Sends a Teams activity-feed notification to one user through Graph
/// <c>POST users/{userId}/teamwork/sendActivityNotification</c> (app-only: <c>TeamsActivity.Send</c>). An app-only
/// daemon cannot post chat or channel messages through Graph (migration only); the activity feed, a proactive bot,
/// or a Workflows webhook (<c>teams-webhook</c>) are what remain. The recipient address is the person's Entra user id.
/// </summary>
public sealed class TeamsActivityChannel : INotificationChannel
{
    public const string ChannelName = "teams";

    // Graph answers 412 to activity notifications sent with a token close to its expiry; keep a wide margin.
    private static readonly TimeSpan TokenValidity = TimeSpan.FromMinutes(45);

    private readonly TeamsOptions _options;
    private readonly GraphConnection _graph;

    public TeamsActivityChannel(IOptions<TeamsOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        _options = options.Value;
        var http = httpClients.CreateClient(NotificationsHostingExtensions.GraphHttpClient);
        http.Timeout = _options.Timeout;
        _graph = new GraphConnection(ChannelName, http, _options, TokenValidity, time);
    }

    public string Name => ChannelName;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var notice = message.Teams ?? throw new PermanentDeliveryException($"{ChannelName}: the message has no Teams activity (composed without one)");
        var user = message.RecipientAddress.Trim();
        if (user.Length == 0 || user.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#'))
        {
            throw new PermanentDeliveryException($"{ChannelName}: '{message.RecipientAddress}' is not a Teams (Entra) user id");
        }
        var body = new SendActivityNotificationPostRequestBody
        {
            Topic = new TeamworkActivityTopic
            {
                Source = TeamworkActivityTopicSource.Text,
                Value = notice.TopicText,
                WebUrl = TopicWebUrl(notice),
            },
            ActivityType = notice.ActivityType,
            PreviewText = new ItemBody { Content = notice.PreviewText },
            TemplateParameters = notice.TemplateParameters.Select(p => new Microsoft.Graph.Models.KeyValuePair { Name = p.Key, Value = p.Value }).ToList(),
        };
        return _graph.CallAsync((client, ct) => client.Users[user].Teamwork.SendActivityNotification.PostAsync(body, cancellationToken: ct), cancellationToken);
    }

    /// <summary>A ticket link into Teams is used as it is; any other goes through <see cref="TeamsOptions.TopicWebUrl"/>.</summary>
    internal string TopicWebUrl(TeamsNotice notice)
    {
        if (notice.TopicLink is { } link && link.StartsWith("https://teams.microsoft.com/", StringComparison.OrdinalIgnoreCase)) return link;
        var ticket = notice.TemplateParameters.FirstOrDefault(p => p.Key == "ticket").Value ?? "";
        return _options.TopicWebUrl
            .Replace("{appId}", Uri.EscapeDataString(_options.TeamsAppId), StringComparison.Ordinal)
            .Replace("{link}", Uri.EscapeDataString(notice.TopicLink ?? ""), StringComparison.Ordinal)
            .Replace("{ticket}", Uri.EscapeDataString(ticket), StringComparison.Ordinal);
    }
}
