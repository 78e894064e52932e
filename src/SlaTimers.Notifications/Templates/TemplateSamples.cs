using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Templates;

/// <summary>
/// A complete, deliberately hostile notification used to check templates before they are used: every variable has
/// a value and the ticket fields carry markup, template syntax, Markdown and line breaks, so a template that
/// misprints a variable, or a card that would break its JSON, shows up at start instead of at the first breach.
/// </summary>
public static class TemplateSamples
{
    public const string HostileText = "<script>alert(1)</script> {{ x }} {% if %} ${y} **bold** _it_ [link](http://evil) `code` # \"q\" 'a' \\ & -\r\nBcc: x@evil";

    public static NotificationContext Context(CheckpointKind kind, string language)
    {
        var now = Instant.FromUtc(2026, 11, 24, 13, 0);
        var checkpoint = kind switch
        {
            CheckpointKind.Warning => new Checkpoint(CheckpointOffset.Share(75), [new RecipientRef(RecipientRole.Assignee)]),
            CheckpointKind.Breach => new Checkpoint(CheckpointOffset.After(Duration.Zero), [new RecipientRef(RecipientRole.Assignee)], 1),
            _ => new Checkpoint(CheckpointOffset.After(Duration.FromHours(1)), [new RecipientRef(RecipientRole.GroupLead)], 2),
        };
        var escalated = kind != CheckpointKind.Warning;
        var clock = new Clock
        {
            AgreementId = "sample", AgreementKind = AgreementKind.External, Metric = Metric.FirstResponse, Cycle = 1,
            State = escalated ? ClockState.BreachedRunning : ClockState.Running, Started = now - Duration.FromHours(4),
            Used = escalated ? Duration.FromHours(5) : Duration.FromHours(3), Budget = Duration.FromHours(4),
            Deadline = escalated ? now - Duration.FromHours(1) : now + Duration.FromMinutes(30), Priority = HostileText,
            Checkpoints = [new ClockCheckpoint(checkpoint, now - Duration.FromMinutes(10), CheckpointState.Due)],
        };
        var ticket = new Ticket
        {
            Source = "sample", ExternalId = "4821", DisplayPrefix = "ZD", Created = now - Duration.FromHours(4),
            Subject = HostileText, Requester = HostileText, Link = "https://example.invalid/tickets/4821",
            Fields = new TicketFields { Priority = HostileText, Group = HostileText, Assignee = HostileText, Organization = HostileText },
        };
        return new NotificationContext("sample/4821/sample/firstresponse/1/" + checkpoint.Key + "/someone", ticket, clock,
            clock.Checkpoints[0], HostileText, HostileText, "someone@example.invalid", language,
            DateTimeZoneProviders.Tzdb["Europe/Amsterdam"], now);
        }

    /// <summary>A hostile digest of two warnings (the second held for quiet hours, the first late), to check digest templates.</summary>
    public static DigestContext Digest(string language)
    {
        var first = Context(CheckpointKind.Warning, language);
        var second = first with
        {
            NotificationKey = first.NotificationKey + "/second",
            Ticket = first.Ticket with { ExternalId = "4822", Link = null },
            Clock = first.Clock with { Deadline = null, State = ClockState.Running },
            HeldUntil = first.Now - Duration.FromMinutes(1),
        };
        return new DigestContext("digest/" + first.NotificationKey, HostileText, "someone@example.invalid", language,
            first.Zone, first.Now, [first, second]);
    }
}
