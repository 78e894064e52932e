using SlaTimers.Core.Storage;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>Tickets a sync could not map (an unknown status, a missing field), with the reason: they have no clocks.</summary>
public sealed class QuarantinePage(PageRequest request, IReadOnlyList<QuarantinedTicket> rejected) : SlaPage(Title)
{
    public const string Path = "/sla/quarantine";
    public const string Title = "Quarantine";

    public static async Task<SlaPage> LoadAsync(PageRequest request) =>
        new QuarantinePage(request, await request.Queries.GetQuarantineAsync(request.Settings.MaxRows, request.Cancellation));

    protected override void Body(SafeHtml html)
    {
        var time = request.Time;
        html.Element("p", "Tickets the sync rejected, the latest first: they have no SLA clocks until a later version of them maps. "
            + $"The raw payload is kept in the quarantine table. Times in {time.Zone.Id}.", "text-muted");
        if (rejected.Count == 0)
        {
            Empty(html, "No ticket is quarantined.");
            return;
        }
        TableStart(html, "Helpdesk", "Ticket id", "Reason", "When");
        foreach (var row in rejected)
        {
            html.Raw("<tr>").Cell(row.Source).Cell(row.ExternalId ?? "(none)").Cell(row.Reason).Cell(time.Format(row.At), title: DashboardTime.Iso(row.At)).Raw("</tr>");
        }
        TableEnd(html);
        Capped(html, rejected.Count, request.Settings.MaxRows);
    }
}
