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
        if (c.HeldUntil is { } held && c.Checkpoint.At is { } heldAt)
        {
            rows.Add((dutch ? "Vastgehouden" : "Held", dutch
                ? $"dit moment was {CheckpointTitles.FormatDue(heldAt, c.Zone, c.Now)}, tijdens je rusttijd; het bericht wachtte tot het begin van je werktijd ({CheckpointTitles.FormatDue(held, c.Zone, c.Now)})"
                : $"this checkpoint was at {CheckpointTitles.FormatDue(heldAt, c.Zone, c.Now)}, in your quiet hours; it waited for your working hours to begin ({CheckpointTitles.FormatDue(held, c.Zone, c.Now)})"));
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

    /// <summary>The built-in digest: one line per warning, soonest deadline first, then the notes.</summary>
    public static OutgoingMessage ComposeDigest(DigestContext d)
    {
        var dutch = d.Language.StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var title = DigestTitle(d);
        var lines = d.BySoonest.Select(i => (Title: CheckpointTitles.Format(i), Subject: i.Ticket.Subject, Link: SafeLink(i.Ticket.Link),
            Due: i.Clock.Deadline is { } due ? $"{CheckpointTitles.FormatDue(due, d.Zone, d.Now)} ({CheckpointTitles.Relative(due, d.Now, d.Language)})" : (dutch ? "gepauzeerd" : "paused"))).ToList();
        var notes = new List<string>();
        if (d.HeldUntil is { } held)
        {
            notes.Add(dutch
                ? $"Vastgehouden tijdens je rusttijd; verstuurd bij het begin van je werktijd ({CheckpointTitles.FormatDue(held, d.Zone, d.Now)})."
                : $"Held during your quiet hours; sent when your working hours began ({CheckpointTitles.FormatDue(held, d.Zone, d.Now)}).");
        }
        if (d.IsLate) notes.Add(dutch ? "Laat verstuurd: een of meer waarschuwingen waren eerder aan de beurt." : "Sent late: one or more of these warnings were due earlier.");

        var text = new StringBuilder().AppendLine(title).AppendLine();
        foreach (var line in lines)
        {
            text.AppendLine($"- {line.Title}").AppendLine($"  {line.Subject}").AppendLine($"  {(dutch ? "Deadline" : "Due")}: {line.Due}");
            if (line.Link is { } link) text.AppendLine($"  {link}");
        }
        foreach (var note in notes) text.AppendLine().AppendLine(note);

        var html = new StringBuilder("<!DOCTYPE html><html><body>")
            .Append("<h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2><ul>");
        foreach (var line in lines)
        {
            html.Append("<li><strong>").Append(WebUtility.HtmlEncode(line.Title)).Append("</strong><br>")
                .Append(WebUtility.HtmlEncode(line.Subject)).Append("<br>").Append(WebUtility.HtmlEncode(dutch ? "Deadline" : "Due"))
                .Append(": ").Append(WebUtility.HtmlEncode(line.Due));
            if (line.Link is { } href) html.Append(" · <a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\">").Append(dutch ? "open" : "open").Append("</a>");
            html.Append("</li>");
        }
        html.Append("</ul>");
        foreach (var note in notes) html.Append("<p><em>").Append(WebUtility.HtmlEncode(note)).Append("</em></p>");
        html.Append("</body></html>");

        var subject = MessageText.OneLine(title);
        return new OutgoingMessage(d.DigestKey, MessageIds.ForNotification(d.DigestKey), MessageIds.ForDigestThread(d.RecipientAddress),
            d.RecipientName, d.RecipientAddress, d.Language, subject, text.ToString(), html.ToString())
        {
            Teams = TeamsNotices.ForDigest(d, subject),
        };
    }

    /// <summary>"3 SLA warnings · ZD-1, ZD-2, ZD-3" (English) or "3 SLA-waarschuwingen · …" (Dutch).</summary>
    public static string DigestTitle(DigestContext d)
    {
        var dutch = d.Language.StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var tickets = string.Join(", ", d.BySoonest.Select(i => i.Ticket.DisplayId).Distinct(StringComparer.Ordinal));
        var count = d.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{count} {(dutch ? "SLA-waarschuwingen" : "SLA warnings")} · {MessageText.Shorten(tickets, 120)}";
    }

    private static string? SafeLink(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;

    private sealed class BuiltIn : IMessageComposer
    {
        public OutgoingMessage Compose(NotificationContext context) => DefaultMessageComposer.Compose(context);

        public OutgoingMessage ComposeDigest(DigestContext digest) => DefaultMessageComposer.ComposeDigest(digest);
    }
}
