using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Notifications.TeamsWebhook;

/// <summary>
/// The <c>teams-webhook</c> channel (<c>Channels:teams-webhook</c>): an Adaptive Card posted to a Teams Workflows
/// webhook ("When a Teams webhook request is received" → post card). The URL is a secret (it carries a signature):
/// a recipients.json channel names it as <c>env:NAME</c>, and it is read from that environment variable when sending.
/// </summary>
public sealed class TeamsWebhookOptions
{
    public const string SectionName = "Channels:teams-webhook";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
