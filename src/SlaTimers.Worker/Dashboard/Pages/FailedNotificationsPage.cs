using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Worker.Delivery;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>
/// Notifications the ledger gave up on (refused for good, or out of retries), with their last error. Above them, when
/// notifications wait past <c>Delivery:LateAfter</c> (failing for now, or a queue behind), a banner: those are not
/// failed yet, but late.
/// </summary>
public sealed class FailedNotificationsPage(PageRequest request, IReadOnlyList<FailedNotification> failed, DeliveryBacklog waiting) : SlaPage(Title)
{
    public const string Path = "/sla/failed-notifications";
    public const string Title = "Failed notifications";

    public static async Task<SlaPage> LoadAsync(PageRequest request) =>
        new FailedNotificationsPage(request,
            await request.Queries.GetFailedNotificationsAsync(request.Settings.MaxRows, request.Cancellation),
            await request.Queries.GetDeliveryBacklogAsync(request.Time.Now, DeliveryTiming.Digest(request.Delivery), request.Cancellation));

    protected override void Body(SafeHtml html)
    {
        var time = request.Time;
        if (waiting.IsLate(time.Now, Duration.FromTimeSpan(request.Delivery.LateAfter)))
        {
            html.Element("div",
                $"Notifications are {DashboardTime.Span(waiting.Lag(time.Now))} behind their instants ({SafeHtml.Number(waiting.Waiting)} waiting, "
                + $"{SafeHtml.Number(waiting.Retrying)} of them retrying after a failure): is a channel failing? (/healthz, the worker's log)",
                "alert alert-danger");
        }
        html.Element("p", $"Notifications that were not delivered and will not be retried, the latest failure first. Times in {time.Zone.Id}.", "text-muted");
        if (failed.Count == 0)
        {
            Empty(html, "No notification failed.");
            return;
        }
        TableStart(html, "Ticket", "Subject", "Checkpoint", "Recipient", "Channel", "Due", "Failed", "Attempts", "Error");
        foreach (var row in failed)
        {
            var n = row.Notification;
            html.Raw("<tr><td class=\"text-nowrap\">").ExternalLink(row.Link, row.DisplayId ?? n.Ticket.ToString()).Raw("</td>");
            html.Cell(row.Subject ?? "(no longer stored)", row.Subject is null ? "text-muted" : null);
            html.Cell(n.CheckpointKey, title: n.ClockKey);
            html.Cell(n.Recipient);
            html.Cell(n.Channel);
            html.Cell(time.Format(n.DueAt), "text-nowrap", title: DashboardTime.Iso(n.DueAt));
            html.Cell(time.Format(row.FailedAt), "text-nowrap");
            html.Cell(SafeHtml.Number(n.Attempts));
            html.Raw("<td><code>").Text(n.LastError).Raw("</code></td></tr>");
        }
        TableEnd(html);
        Capped(html, failed.Count, request.Settings.MaxRows);
    }
}
