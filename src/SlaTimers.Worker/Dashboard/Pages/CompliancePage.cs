using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Compliance;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>
/// Compliance in a month (<c>?month=2026-11</c>, default this month in the display zone) per agreement and policy,
/// from <see cref="ComplianceCalculator"/> over the clocks decided in it: a met clock counts in the month it
/// stopped, a breached one in the month of its breach.
/// </summary>
public sealed class CompliancePage(PageRequest request, YearMonth month, ComplianceReport report) : SlaPage(Title)
{
    public const string Path = "/sla/compliance";
    public const string Title = "Compliance";

    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.Iso;

    public static async Task<SlaPage> LoadAsync(PageRequest request)
    {
        var month = MonthPattern.Parse(request.Query("month") ?? "") is { Success: true } parsed ? parsed.Value : request.Time.ThisMonth;
        var period = request.Time.Month(month);
        var clocks = await request.Queries.GetClocksForPeriodAsync(period.Start, period.End, request.Cancellation);
        return new CompliancePage(request, month, ComplianceCalculator.Summarize(clocks, request.Configuration.Agreements, period));
    }

    protected override void Body(SafeHtml html)
    {
        var previous = month.PlusMonths(-1);
        var next = month.PlusMonths(1);
        html.Raw("<div class=\"btn-group\" style=\"margin-bottom: 15px\">")
            .Link(Url.To($"{Path}?month={MonthPattern.Format(previous)}"), "← " + Name(previous), "btn btn-default")
            .Link(Url.To($"{Path}?month={MonthPattern.Format(month)}"), Name(month), "btn btn-default active");
        if (next <= request.Time.ThisMonth) html.Link(Url.To($"{Path}?month={MonthPattern.Format(next)}"), Name(next) + " →", "btn btn-default");
        html.Raw("</div>");
        html.Element("p", $"{report.Period}. A met clock counts when it stopped, a breached one at its breach; open: no result at the "
            + "end of the month (or yet). Compliance is cut, not rounded, to two decimals.", "text-muted");
        if (report.Agreements.IsEmpty)
        {
            Empty(html, "No agreement is configured.");
            return;
        }
        TableStart(html, "Agreement / policy", "Tickets", "Met", "Breached", "Open", "Compliance", "Target", "Service credit");
        foreach (var agreement in report.Agreements)
        {
            html.Raw("<tr>").Raw("<td><strong>").Text(agreement.Name).Raw("</strong> ")
                .Element("span", agreement.Kind == AgreementKind.External ? "SLA" : "OLA", "label label-default").Raw("</td>");
            Figures(html, agreement.Figures);
            html.Raw("<td>");
            html.Text(Percent(agreement.TargetPercent));
            if (agreement.TargetMet is { } met) html.Raw(" ").Element("span", met ? "met" : "missed", met ? "label label-success" : "label label-danger");
            html.Raw("</td>");
            html.Cell(agreement.Kind == AgreementKind.External && agreement.ServiceCredit > 0
                ? agreement.ServiceCredit.ToString("N2", CultureInfo.InvariantCulture)
                : "—");
            html.Raw("</tr>");
            foreach (var policy in agreement.Policies)
            {
                html.Raw("<tr>").Cell("\u2003" + (policy.PolicyName ?? policy.PolicyId ?? "(no policy)"), title: policy.PolicyId);
                Figures(html, policy.Figures);
                html.Raw("<td></td><td></td></tr>");
            }
        }
        TableEnd(html);
    }

    private static void Figures(SafeHtml html, ComplianceFigures figures) => html
        .Cell(SafeHtml.Number(figures.Tickets))
        .Cell(SafeHtml.Number(figures.Met))
        .Cell(SafeHtml.Number(figures.Breached))
        .Cell(SafeHtml.Number(figures.Open))
        .Cell(figures.DisplayCompliancePercent is { } percent ? Percent(percent) : "—");

    private static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Name(YearMonth month) => month.ToString("MMMM uuuu", CultureInfo.InvariantCulture);
}
