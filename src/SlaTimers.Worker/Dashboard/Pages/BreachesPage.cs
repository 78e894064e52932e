using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Compliance;
using SlaTimers.Core.Storage;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>Clocks breached today or this week (<c>?period=week</c>), the latest first, with how far over budget they went.</summary>
public sealed class BreachesPage(PageRequest request, bool week, ReportingPeriod period, IReadOnlyList<TicketClock> clocks) : SlaPage(Title)
{
    public const string Path = "/sla/breaches";
    public const string Title = "Breaches";

    public static async Task<SlaPage> LoadAsync(PageRequest request)
    {
        var week = string.Equals(request.Query("period"), "week", StringComparison.OrdinalIgnoreCase);
        var period = week ? request.Time.ThisWeek : request.Time.TodayPeriod;
        var clocks = await request.Queries.GetBreachesAsync(period.Start, period.End, request.Settings.MaxRows, request.Cancellation);
        return new BreachesPage(request, week, period, clocks);
    }

    protected override void Body(SafeHtml html)
    {
        var time = request.Time;
        html.Raw("<div class=\"btn-group\" style=\"margin-bottom: 15px\">")
            .Link(Url.To(Path), "Today", week ? "btn btn-default" : "btn btn-default active")
            .Link(Url.To(Path + "?period=week"), "This week", week ? "btn btn-default active" : "btn btn-default")
            .Raw("</div>");
        html.Element("p", $"Deadlines missed from {time.Format(period.Start)} to {time.Format(period.End)}. "
            + "Over by: business time used beyond the budget, as of the clock's last evaluation.", "text-muted");
        if (clocks.Count == 0)
        {
            Empty(html, week ? "No breach this week." : "No breach today.");
            return;
        }
        TableStart(html, "Ticket", "Subject", "Agreement", "Target", "Priority", "Breached at", "Over by", "Clock");
        foreach (var row in clocks)
        {
            var clock = row.Clock;
            var over = clock.Used - clock.Budget;
            html.Raw("<tr><td class=\"text-nowrap\">").ExternalLink(row.Link, row.DisplayId).Raw("</td>");
            html.Cell(row.Subject);
            html.Cell(request.AgreementName(clock.AgreementId), title: clock.AgreementId);
            html.Cell(TargetName(clock), title: clock.PolicyId is { } policy ? $"policy {policy}" : null);
            html.Cell(clock.Priority ?? "—");
            html.Cell(time.Format(clock.BreachedAt), "text-nowrap", title: clock.BreachedAt is { } at ? DashboardTime.Iso(at) : null);
            html.Cell(over > Duration.Zero ? DashboardTime.Span(over) : "—", "text-nowrap");
            html.Raw("<td>").Element("span", clock.State == ClockState.BreachedRunning ? "still running" : "stopped",
                clock.State == ClockState.BreachedRunning ? "label label-danger" : "label label-default").Raw("</td></tr>");
        }
        TableEnd(html);
        Capped(html, clocks.Count, request.Settings.MaxRows);
    }
}
