using System.Text.Json;
using System.Text.Json.Nodes;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Templates;

namespace SlaTimers.Notifications.TeamsWebhook;

/// <summary>Adaptive Cards for the webhook: the payload around a card, and a plain card when no template made one.</summary>
public static class AdaptiveCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>What a Workflows "When a Teams webhook request is received" trigger expects: a message with card attachments.</summary>
    public static string WebhookPayload(string cardJson)
    {
        var card = JsonNode.Parse(cardJson) ?? throw new JsonException("the card is empty");
        var payload = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = ContentType,
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
        return payload.ToJsonString();
    }

    /// <summary>The subject in bold, each text line as a block, and a button to the ticket; every value neutralised.</summary>
    public static string Plain(OutgoingMessage message)
    {
        var body = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = AdaptiveCardText.Neutralise(message.Subject),
            ["weight"] = "Bolder",
            ["size"] = "Medium",
            ["wrap"] = true,
        });
        foreach (var line in message.TextBody.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Skip(1).Take(20))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = AdaptiveCardText.Neutralise(line), ["wrap"] = true, ["spacing"] = "None" });
        }
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (message.Link is { } link)
        {
            card["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.OpenUrl",
                ["title"] = message.Language.StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? "Ticket openen" : "Open ticket",
                ["url"] = link,
            });
        }
        return card.ToJsonString();
    }
}
