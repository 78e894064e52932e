using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Tests.Messages;

internal static class Samples
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 13, 0);
    public static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public static NotificationContext Warning(string subject = "Printer offline", Instant? checkpointAt = null, string language = "en")
    {
        var checkpoint = new Checkpoint(CheckpointOffset.Share(75), [new RecipientRef(RecipientRole.Assignee)]);
        var clock = new Clock
        {
            AgreementId = "acme", AgreementKind = AgreementKind.External, Metric = Metric.FirstResponse, Cycle = 1,
            State = ClockState.Running, Started = Now - Duration.FromHours(3), Used = Duration.FromHours(3),
            Budget = Duration.FromHours(4), Deadline = Now + Duration.FromMinutes(30), Priority = "P2",
            Checkpoints = [new ClockCheckpoint(checkpoint, checkpointAt ?? Now, CheckpointState.Due)],
        };
        return For(checkpoint, clock, subject, language);
    }

    /// <summary>An escalation of a first-response clock whose deadline passed <paramref name="after"/> ago.</summary>
    public static NotificationContext Escalation(int level, Duration after, string language = "en")
    {
        var checkpoint = new Checkpoint(CheckpointOffset.After(after), [new RecipientRef(RecipientRole.GroupLead)], level);
        var clock = new Clock
        {
            AgreementId = "acme", AgreementKind = AgreementKind.External, Metric = Metric.FirstResponse, Cycle = 1,
            State = ClockState.BreachedRunning, Started = Now - Duration.FromHours(5), Used = Duration.FromHours(4) + after,
            Budget = Duration.FromHours(4), Deadline = Now - after, BreachedAt = Now - after, Priority = "P2",
            Checkpoints = [new ClockCheckpoint(checkpoint, Now, CheckpointState.Due)],
        };
        return For(checkpoint, clock, "Printer offline", language);
    }

    private static NotificationContext For(Checkpoint checkpoint, Clock clock, string subject, string language)
    {
        var ticket = new Ticket
        {
            Source = "zendesk-main", ExternalId = "4821", DisplayPrefix = "ZD", Created = Now - Duration.FromHours(3),
            Subject = subject, Link = "https://example.zendesk.com/agent/tickets/4821",
            Fields = new TicketFields { Priority = "P2", Group = "Servicedesk", Assignee = "j.devries" },
        };
        var key = Core.Notifications.Notification.MakeKey(TicketKey.Of(ticket), clock.Key, checkpoint.Key, "j.devries");
        return new NotificationContext(key, ticket, clock, clock.Checkpoints[0], "Acme contract", "Jan de Vries",
            "j.devries@example.nl", language, Amsterdam, Now);
    }
}
