using SlaTimers.Notifications.Templates;

namespace SlaTimers.Notifications.Messages;

/// <summary>
/// The activity-feed part of a message. The activity types and parameter names are those of
/// <c>config/teams/manifest.json</c>: change both together.
/// </summary>
public static class TeamsNotices
{
    public const string WarningActivity = "slaWarning";
    public const string BreachActivity = "slaBreach";
    public const string EscalationActivity = "slaEscalation";

    /// <summary>Teams shows this much of the preview text.</summary>
    public const int PreviewLength = 150;

    public static TeamsNotice For(NotificationContext c, string subject)
    {
        var kind = CheckpointKinds.Of(c.Checkpoint.Definition);
        var due = c.Clock.Deadline is { } deadline ? CheckpointTitles.FormatDue(deadline, c.Zone, c.Now) : "—";
        return new TeamsNotice(
            kind switch
            {
                CheckpointKind.Warning => WarningActivity,
                CheckpointKind.Breach => BreachActivity,
                _ => EscalationActivity,
            },
            MessageText.Shorten(subject, PreviewLength),
            MessageText.Shorten(MessageText.OneLine($"{c.Ticket.DisplayId} {c.Ticket.Subject}"), 100),
            c.Ticket.Link,
            [
                new("ticket", c.Ticket.DisplayId),
                new("target", TemplateModel.MetricName(c.Clock.Metric, c.Language)),
                new("deadline", due),
                new("level", c.Checkpoint.Definition.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]);
    }

    /// <summary>
    /// A digest as a warning activity: the tickets (soonest deadline first) as <c>ticket</c>, the number of warnings as
    /// <c>target</c>, the soonest deadline; the topic links to the first ticket.
    /// </summary>
    public static TeamsNotice ForDigest(DigestContext d, string subject)
    {
        var first = d.BySoonest.First();
        var dutch = d.Language.StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        var due = first.Clock.Deadline is { } deadline ? CheckpointTitles.FormatDue(deadline, d.Zone, d.Now) : "—";
        var tickets = string.Join(", ", d.BySoonest.Select(i => i.Ticket.DisplayId).Distinct(StringComparer.Ordinal));
        var count = d.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TeamsNotice(
            WarningActivity,
            MessageText.Shorten(subject, PreviewLength),
            MessageText.Shorten(MessageText.OneLine(tickets), 100),
            first.Ticket.Link,
            [
                new("ticket", MessageText.Shorten(tickets, 100)),
                new("target", dutch ? $"{count} waarschuwingen" : $"{count} warnings"),
                new("deadline", due),
                new("level", "0"),
            ]);
    }
}
