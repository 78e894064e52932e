using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>
/// An SLA page inside Hangfire's dashboard: its layout (navigation bar, footer), a side menu of the SLA pages, and
/// a body the page writes through <see cref="SafeHtml"/>. Its data is loaded before it renders (see
/// <see cref="SlaPageDispatcher"/>): rendering is synchronous in Hangfire.
/// </summary>
public abstract class SlaPage(string title) : RazorPage
{
    /// <summary>The SLA pages in menu order: path below the dashboard, title.</summary>
    public static readonly IReadOnlyList<(string Path, string Title)> All =
    [
        (AtRiskPage.Path, AtRiskPage.Title),
        (BreachesPage.Path, BreachesPage.Title),
        (CompliancePage.Path, CompliancePage.Title),
        (FailedNotificationsPage.Path, FailedNotificationsPage.Title),
        (QuarantinePage.Path, QuarantinePage.Title),
    ];

    public override void Execute()
    {
        Layout = new LayoutPage(title);
        var html = new SafeHtml().Raw("<div class=\"row\"><div class=\"col-md-3\"><div class=\"list-group\">");
        foreach (var (path, name) in All)
        {
            html.Link(Url.To(path), name, RequestPath.Equals(path, StringComparison.OrdinalIgnoreCase) ? "list-group-item active" : "list-group-item");
        }
        html.Raw("</div></div><div class=\"col-md-9\">").Element("h1", title, "page-header");
        Body(html);
        html.Raw("</div></div>");
        WriteLiteral(html.ToString());
    }

    protected abstract void Body(SafeHtml html);

    /// <summary>"first response", or "next response #3" for a later cycle.</summary>
    protected static string TargetName(Clock clock) =>
        clock.Cycle > 1 ? $"{clock.Metric.ToDisplayName()} #{clock.Cycle}" : clock.Metric.ToDisplayName();

    protected static void Empty(SafeHtml html, string text) => html.Element("div", text, "alert alert-info");

    /// <summary>A note under a table that shows only the first <paramref name="max"/> rows.</summary>
    protected static void Capped(SafeHtml html, int shown, int max)
    {
        if (shown >= max) html.Element("p", $"Only the first {SafeHtml.Number(max)} rows are shown (Dashboard:MaxRows).", "text-muted");
    }

    protected static void TableStart(SafeHtml html, params string[] headers)
    {
        html.Raw("<div class=\"table-responsive\"><table class=\"table table-striped table-hover\"><thead><tr>");
        foreach (var header in headers) html.Element("th", header);
        html.Raw("</tr></thead><tbody>");
    }

    protected static void TableEnd(SafeHtml html) => html.Raw("</tbody></table></div>");
}
