using System.Net;
using System.Text;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Text;

namespace SlaTimers.Notifications.Messages;

/// <summary>
/// The built-in wording of a notification, in English or Dutch, as plain text and HTML. Every ticket
/// value is HTML-encoded in the HTML part, so a subject like <c>&lt;script&gt;</c> arrives as text.
/// </summary>
public static class DefaultMessageComposer
{
    /// <summary>The built-in wording as an <see cref="IMessageComposer"/>.</summary>
    public static IMessageComposer Instance { get; } = new BuiltIn();


    public static OutgoingMessage Compose(NotificationContext c)
    {
        var dutch = c.Language.StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var title = CheckpointTitles.Format(c);
        var rows = new List<(string Label, string Value)>
        {
            (dutch ? "Ticket" : "Ticket", $"{c.Ticket.DisplayId} — {c.Ticket.Subject}"),
            (dutch ? "Afspraak" : "Agreement", c.AgreementName),
            (dutch ? "Doel" : "Target", c.Clock.Metric.ToDisplayName()),
            (dutch ? "Prioriteit" : "Priority", c.Clock.Priority ?? "—"),
            (dutch ? "Groep" : "Group", c.Ticket.Fields.Group ?? "—"),
            (dutch ? "Behandelaar" : "Assignee", c.Ticket.Fields.Assignee ?? "—"),
            (dutch ? "Gebruikt / budget" : "Used / budget", $"{DurationText.Format(c.Clock.Used)} / {DurationText.Format(c.Clock.Budget)}"),
        };
        if (c.Clock.Deadline is { } deadline)
        {
            rows.Add((dutch ? "Deadline" : "Due",
                $"{CheckpointTitles.FormatDue(deadline, c.Zone, c.Now)} ({CheckpointTitles.Relative(deadline, c.Now, c.Language)})"));
        }
        if (c.IsLate && c.Checkpoint.At is { } at)
        {
            rows.Add((dutch ? "Let op" : "Note", dutch
                ? $"laat verstuurd: dit moment was {CheckpointTitles.FormatDue(at, c.Zone, c.Now)}"
                : $"sent late: this checkpoint was at {CheckpointTitles.FormatDue(at, c.Zone, c.Now)}"));
        }

        var text = new StringBuilder().AppendLine(title).AppendLine();
        foreach (var (label, value) in rows) text.AppendLine($"{label}: {value}");
        if (c.Ticket.Link is { } link) text.AppendLine().AppendLine(link);

        var html = new StringBuilder("<!DOCTYPE html><html><body>")
            .Append("<h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2><table>");
        foreach (var (label, value) in rows)
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>")
                .Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }
        html.Append("</table>");
        if (c.Ticket.Link is { } href && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(uri.AbsoluteUri)).Append("\">")
                .Append(WebUtility.HtmlEncode(c.Ticket.DisplayId)).Append("</a></p>");
        }
        html.Append("</body></html>");

        var subject = MessageText.OneLine(title);
        return new OutgoingMessage(c.NotificationKey, MessageIds.ForNotification(c.NotificationKey),
            MessageIds.ForThread(c.Ticket.Source + "/" + c.Ticket.ExternalId, c.Clock.Key),
            c.RecipientName, c.RecipientAddress, c.Language, subject, text.ToString(), html.ToString())
        {
            Teams = TeamsNotices.For(c, subject),
            Link = Uri.TryCreate(c.Ticket.Link, UriKind.Absolute, out var ticketUri) && ticketUri.Scheme is "https" or "http" ? ticketUri.AbsoluteUri : null,
        };
    }

    private sealed class BuiltIn : IMessageComposer
    {
        public OutgoingMessage Compose(NotificationContext context) => DefaultMessageComposer.Compose(context);
    }
}
