using System.ComponentModel.DataAnnotations;
using SlaTimers.Notifications.Graph;

namespace SlaTimers.Notifications.Teams;

/// <summary>
/// The <c>teams</c> channel (<c>Channels:teams</c>): Teams activity-feed notifications through Graph, app-only
/// (application permission <c>TeamsActivity.Send</c>). The Entra app must be the <c>webApplicationInfo.id</c> of the
/// Teams app in <c>config/teams/manifest.json</c>, and that app installed for each recipient.
/// </summary>
public sealed class TeamsOptions : GraphAppOptions
{
    public const string SectionName = "Channels:teams";

    /// <summary>The Teams app's id (the manifest's <c>id</c>): the notification opens the app's <c>sla</c> tab.</summary>
    [Required]
    public string TeamsAppId { get; set; } = "";

    /// <summary>
    /// Where a click on the notification goes. Graph requires a link into Teams (teams.microsoft.com); placeholders
    /// <c>{appId}</c>, <c>{link}</c> (the ticket link) and <c>{ticket}</c> are URL-encoded. Default: the app's tab with the ticket link as its web URL.
    /// </summary>
    public string TopicWebUrl { get; set; } = "https://teams.microsoft.com/l/entity/{appId}/sla?webUrl={link}&label={ticket}";

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in base.Validate(validationContext)) yield return problem;
        if (!TopicWebUrl.StartsWith("https://teams.microsoft.com/", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("TopicWebUrl must start with https://teams.microsoft.com/ (Graph refuses other links in an activity topic).", [nameof(TopicWebUrl)]);
        }
    }
}
