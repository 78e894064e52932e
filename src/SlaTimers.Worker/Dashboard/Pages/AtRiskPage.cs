using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Storage;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>
/// Open clocks with a deadline, the least time left first; overdue ones (breached, still running) on top. Above them,
/// when timers wait past <c>Timers:LateAfter</c>, a banner: the warnings these clocks expect go out late.
/// </summary>
public sealed class AtRiskPage(PageRequest request, IReadOnlyList<TicketClock> clocks, TimerBacklog timers) : SlaPage(Title)
{
    public const string Path = "/sla/at-risk";
    public const string Title = "At risk";

    /// <summary>Rows with less time left than this are marked.</summary>
    private static readonly Duration Soon = Duration.FromHours(1);

    public static async Task<SlaPage> LoadAsync(PageRequest request) =>
        new AtRiskPage(request,
            await request.Queries.GetOpenClocksAsync(request.Settings.MaxRows, request.Cancellation),
            await request.Queries.GetTimerBacklogAsync(request.Time.Now, request.Cancellation));

    protected override void Body(SafeHtml html)
    {
        var time = request.Time;
        if (timers.IsLate(time.Now, request.TimersLateAfter))
        {
            html.Element("div",
                $"Timers are {DashboardTime.Span(timers.Lag(time.Now))} behind their instants ({SafeHtml.Number(timers.Overdue)} overdue): warnings go out late. "
                + "Is every worker's Hangfire server running, and is the job storage keeping up? (/healthz, the worker's log)",
                "alert alert-danger");
        }
        html.Element("p", $"Open clocks by time left. Times in {time.Zone.Id}. Paused clocks have no deadline and are not listed.", "text-muted");
        if (clocks.Count == 0)
        {
            Empty(html, "No open clock has a deadline.");
            return;
        }
        TableStart(html, "Ticket", "Subject", "Agreement", "Target", "Priority", "Deadline", "Time left");
        foreach (var row in clocks)
        {
            var deadline = row.Clock.Deadline!.Value;
            var left = deadline - time.Now;
            html.Raw(left <= Duration.Zero ? "<tr class=\"danger\">" : left < Soon ? "<tr class=\"warning\">" : "<tr>");
            html.Raw("<td class=\"text-nowrap\">").ExternalLink(row.Link, row.DisplayId).Raw("</td>");
            html.Cell(row.Subject);
            html.Cell(request.AgreementName(row.Clock.AgreementId), title: row.Clock.AgreementId);
            html.Cell(TargetName(row.Clock), title: row.Clock.PolicyId is { } policy ? $"policy {policy}" : null);
            html.Cell(row.Clock.Priority ?? "—");
            html.Cell(time.Format(deadline), "text-nowrap", title: DashboardTime.Iso(deadline));
            html.Raw("<td class=\"text-nowrap\">");
            if (left <= Duration.Zero || row.Clock.State == ClockState.BreachedRunning)
            {
                html.Element("span", $"overdue {DashboardTime.Span(left)}", "label label-danger");
            }
            else
            {
                html.Text(DashboardTime.Span(left));
            }
            html.Raw("</td></tr>");
        }
        TableEnd(html);
        Capped(html, clocks.Count, request.Settings.MaxRows);
    }
}
