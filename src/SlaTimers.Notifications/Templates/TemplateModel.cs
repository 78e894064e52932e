using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Text;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Templates;

/// <summary>
/// The values a template sees, as plain dictionaries (Fluid reads them without a member-access policy). Values are
/// data: a template only ever prints them through its format's encoder, they are never parsed as template source.
/// The README lists every variable; keep it in step with this file.
/// </summary>
public static class TemplateModel
{
    private static readonly ZonedDateTimePattern Iso = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<G>", null);
    private static readonly ZonedDateTimePattern Date = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd", null);
    private static readonly ZonedDateTimePattern Time = ZonedDateTimePattern.CreateWithInvariantCulture("HH':'mm", null);
    private static readonly ZonedDateTimePattern Abbreviation = ZonedDateTimePattern.CreateWithInvariantCulture("%x", null);

    public static IReadOnlyDictionary<string, object?> From(NotificationContext c, string language)
    {
        var ticket = c.Ticket;
        var clock = c.Clock;
        var checkpoint = c.Checkpoint.Definition;
        var kind = CheckpointKinds.Of(checkpoint);
        var left = clock.Left;

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = CheckpointTitles.Format(c),
            ["language"] = language,
            ["late"] = c.IsLate,
            ["held"] = c.IsHeld,
            ["held_until"] = c.HeldUntil is { } held ? CheckpointTitles.FormatDue(held, c.Zone, c.Now) : null,
            ["ticket"] = new Dictionary<string, object?>
            {
                ["id"] = ticket.ExternalId,
                ["display_id"] = ticket.DisplayId,
                ["source"] = ticket.Source,
                ["link"] = SafeLink(ticket.Link),
                ["subject"] = ticket.Subject,
                ["priority"] = clock.Priority ?? ticket.Fields.Priority,
                ["requester"] = ticket.Requester,
                ["organization"] = ticket.Fields.Organization,
                ["group"] = ticket.Fields.Group,
                ["assignee"] = ticket.Fields.Assignee,
                ["status"] = ticket.Fields.StatusName ?? ticket.Fields.Status.ToString(),
            },
            ["agreement"] = new Dictionary<string, object?>
            {
                ["id"] = clock.AgreementId,
                ["name"] = c.AgreementName,
                ["kind"] = clock.AgreementKind == AgreementKind.Internal ? "internal" : "external",
            },
            ["target"] = new Dictionary<string, object?>
            {
                ["name"] = MetricName(clock.Metric, language),
                ["name_en"] = clock.Metric.ToDisplayName(),
                ["metric"] = clock.Metric.ToConfigName(),
                ["cycle"] = clock.Cycle,
            },
            ["checkpoint"] = new Dictionary<string, object?>
            {
                ["kind"] = kind.ToName(),
                ["what"] = checkpoint.Offset.ToString(),
                ["level"] = checkpoint.Level,
                ["key"] = checkpoint.Key,
                ["at"] = c.Checkpoint.At is { } at ? CheckpointTitles.FormatDue(at, c.Zone, c.Now) : null,
            },
            ["deadline"] = clock.Deadline is { } due ? Deadline(due, c, language) : null,
            ["business_time"] = new Dictionary<string, object?>
            {
                ["used"] = DurationText.Format(clock.Used),
                ["budget"] = DurationText.Format(clock.Budget),
                ["left"] = DurationText.Format(Duration.Max(left, Duration.Zero)),
                ["overdue"] = left < Duration.Zero ? DurationText.Format(-left) : null,
                ["used_percent"] = clock.Budget > Duration.Zero
                    ? (int)Math.Round(100 * clock.Used.TotalTicks / clock.Budget.TotalTicks, MidpointRounding.AwayFromZero)
                    : 100,
            },
            ["recipient"] = new Dictionary<string, object?>
            {
                ["name"] = c.RecipientName,
                ["address"] = c.RecipientAddress,
            },
        };
    }

    /// <summary>
    /// The values of a digest template: the digest's own (<c>count</c>, <c>late</c>, <c>held</c>, <c>held_until</c>,
    /// <c>recipient</c>) and <c>items</c>, soonest deadline first, each with every variable of a single warning.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> FromDigest(DigestContext d, string language) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["title"] = DefaultMessageComposer.DigestTitle(d),
        ["language"] = language,
        ["count"] = d.Items.Count,
        ["late"] = d.IsLate,
        ["held"] = d.HeldUntil is not null,
        ["held_until"] = d.HeldUntil is { } held ? CheckpointTitles.FormatDue(held, d.Zone, d.Now) : null,
        ["items"] = d.BySoonest.Select(i => From(i, language)).ToList(),
        ["recipient"] = new Dictionary<string, object?>
        {
            ["name"] = d.RecipientName,
            ["address"] = d.RecipientAddress,
        },
    };

    private static Dictionary<string, object?> Deadline(Instant due, NotificationContext c, string language)
    {
        var local = due.InZone(c.Zone);
        return new Dictionary<string, object?>
        {
            ["local"] = CheckpointTitles.FormatDue(due, c.Zone, c.Now),
            ["relative"] = CheckpointTitles.Relative(due, c.Now, language),
            ["iso"] = Iso.Format(local),
            ["date"] = Date.Format(local),
            ["time"] = Time.Format(local),
            ["zone"] = c.Zone.Id,
            ["zone_abbreviation"] = Abbreviation.Format(local),
            ["passed"] = due < c.Now,
        };
    }

    /// <summary>Only http(s) links reach a template: a <c>javascript:</c> link in a ticket must not become a clickable href.</summary>
    private static string? SafeLink(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;

    /// <summary>The metric for people, in Dutch for nl and English otherwise.</summary>
    public static string MetricName(Metric metric, string language) => !language.StartsWith("nl", StringComparison.OrdinalIgnoreCase)
        ? metric.ToDisplayName()
        : metric switch
        {
            Metric.FirstResponse => "eerste reactie",
            Metric.NextResponse => "volgende reactie",
            Metric.PeriodicUpdate => "periodieke update",
            _ => "oplossing",
        };
}
