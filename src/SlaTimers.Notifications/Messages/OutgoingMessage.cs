namespace SlaTimers.Notifications.Messages;

/// <summary>
/// A message ready for a channel. <see cref="MessageId"/> is derived from the ledger key, so a retry is the
/// same message; <see cref="ThreadId"/> is shared by every notice of one ticket clock, so they thread.
/// <see cref="RecipientAddress"/> is what the chosen channel delivers to: an e-mail address, a Teams user id, or a
/// webhook target (<c>env:NAME</c>).
/// </summary>
public sealed record OutgoingMessage(
    string NotificationKey,
    string MessageId,
    string ThreadId,
    string RecipientName,
    string RecipientAddress,
    string Language,
    string Subject,
    string TextBody,
    string HtmlBody)
{
    /// <summary>What a Teams activity-feed notification says (the <c>teams</c> channel); null when not composed.</summary>
    public TeamsNotice? Teams { get; init; }

    /// <summary>The Adaptive Card (JSON) for a Teams Workflows webhook; null: the channel builds a plain card from the text.</summary>
    public string? AdaptiveCard { get; init; }

    /// <summary>The ticket's http(s) link, when it has one.</summary>
    public string? Link { get; init; }
}

/// <summary>
/// A Teams activity-feed notification: the activity type (declared in the Teams app manifest), its template
/// parameters, the preview line (Teams shows 150 characters) and the topic (text and link).
/// </summary>
public sealed record TeamsNotice(
    string ActivityType,
    string PreviewText,
    string TopicText,
    string? TopicLink,
    IReadOnlyList<KeyValuePair<string, string>> TemplateParameters);
