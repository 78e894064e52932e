using System.Text.RegularExpressions;
using static SlaTimers.Worker.Tests.Dashboard.LocalDashboardFixture;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium (<see cref="Chromium"/>), as a team lead on the worker's machine sees
/// it: the page loaded and Hangfire's scripts ran; the DOM is read back.
/// </summary>
[Collection(LocalDashboard.Name)]
public sealed partial class DashboardBrowserTests(LocalDashboardFixture fixture)
{
    [Fact]
    public async Task ScheduledJobs_ShowEachTimerByItsReadableName()
    {
        var dom = await Chromium.DumpDomAsync(fixture.Host.Url("/hangfire/jobs/scheduled"));

        Assert.Matches(@"Warn 75 % · DEMO-4711 · resolution · due \d\d:\d\d \S+", dom);
        Assert.Contains("DEMO-4712", dom);
    }

    [Fact]
    public async Task AtRisk_ShowsTheScriptInTheSubjectAsText_AndNoScriptElementFromTicketData()
    {
        var dom = await Chromium.DumpDomAsync(fixture.Host.Url("/hangfire/sla/at-risk"));

        Assert.Contains("DEMO-4711", dom);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Printer on fire", dom); // a text node, serialized
        var scripts = ScriptElement().Matches(dom).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts); // Hangfire's own
        Assert.All(scripts, script => Assert.Matches(@"^<script src=""/hangfire/js\d+""></script>$", script));
        Assert.DoesNotContain("javascript:", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"href=\"{SafeLink}\"", dom);
    }

    [GeneratedRegex(@"<script\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();
}
