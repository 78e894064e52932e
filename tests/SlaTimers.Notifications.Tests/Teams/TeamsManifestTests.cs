using System.Text.Json;
using System.Text.RegularExpressions;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.Teams;

public partial class TeamsManifestTests
{
    private static JsonElement Read(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.ConfigDirectory, "teams", file))).RootElement;

    [Fact]
    public void The_manifest_declares_every_activity_type_we_send_with_only_the_parameters_we_fill()
    {
        var manifest = Read("manifest.json");
        Assert.Equal("{{ENTRA_CLIENT_ID}}", manifest.GetProperty("webApplicationInfo").GetProperty("id").GetString());
        var types = manifest.GetProperty("activities").GetProperty("activityTypes").EnumerateArray().ToList();
        Assert.Equal([TeamsNotices.WarningActivity, TeamsNotices.BreachActivity, TeamsNotices.EscalationActivity],
            types.Select(t => t.GetProperty("type").GetString()));

        var sent = DefaultMessageComposer.Compose(Samples.Warning()).Teams!.TemplateParameters.Select(p => p.Key).ToHashSet();
        var localized = Read("nl-nl.json");
        for (var i = 0; i < types.Count; i++)
        {
            var english = types[i].GetProperty("templateText").GetString()!;
            var dutch = localized.GetProperty($"activities.activityTypes[{i}].templateText").GetString()!;
            foreach (var text in new[] { english, dutch })
            {
                var used = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
                Assert.Subset(sent, used);
            }
        }
    }

    [Fact]
    public void The_tab_the_notification_opens_is_the_one_in_the_manifest()
    {
        var tab = Read("manifest.json").GetProperty("staticTabs")[0].GetProperty("entityId").GetString();
        Assert.Contains($"/{tab}?", new SlaTimers.Notifications.Teams.TeamsOptions().TopicWebUrl);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
