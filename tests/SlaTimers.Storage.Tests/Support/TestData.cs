using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Tests.Support;

/// <summary>Tickets, clocks, pages and notifications as a helpdesk sync would store them. Instants are whole milliseconds.</summary>
internal static class TestData
{
    public static readonly Instant Monday0900 = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>A source name of its own for each test, so tests sharing a database never see each other's rows.</summary>
    public static string NewSource() => $"hd-{Guid.NewGuid():N}"[..15];

    public static Instant At(int minutes) => Monday0900 + Duration.FromMinutes(minutes);

    public static Ticket Ticket(string source, string id, params TicketEvent[] timeline) => new()
    {
        Source = source,
        ExternalId = id,
        DisplayPrefix = "ZD",
        Created = Monday0900,
        Subject = $"Printer {id} is on fire",
        Requester = "ann@example.com",
        Link = $"https://helpdesk.example.com/tickets/{id}",
        Fields = new TicketFields
        {
            Priority = "high",
            Group = "2nd-line",
            Assignee = "bob",
            Organization = "acme",
            Channel = "email",
            Tags = TicketFields.ParseTags("vip, Printer"),
            Custom = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("Region", "EMEA")]),
            Status = StatusCategory.Open,
            StatusName = "Open",
        },
        Timeline = [.. timeline],
    };

    /// <summary>Created, a priority change, a customer message and an agent reply (with ids), and one id-less status change.</summary>
    public static TicketEvent[] Events(string id, int count = 5)
    {
        var events = new List<TicketEvent>
        {
            TicketEvent.Created(Monday0900, StatusCategory.New, new Dictionary<string, string> { ["priority"] = "normal" }, id: $"{id}-0"),
            TicketEvent.StatusChange(At(1), StatusCategory.Open, "Open"),
        };
        for (var i = 2; events.Count < count; i++)
        {
            events.Add((i % 3) switch
            {
                0 => TicketEvent.FieldChange(At(i), "priority", i % 2 == 0 ? "high" : "urgent", id: $"{id}-{i}"),
                1 => TicketEvent.CustomerWrote(At(i), id: $"{id}-{i}"),
                _ => TicketEvent.Reply(At(i), id: $"{id}-{i}"),
            });
        }
        return [.. events];
    }

    public static Clock Clock(string agreement, Metric metric, ClockState state = ClockState.Running, int cycle = 1) => new()
    {
        AgreementId = agreement,
        AgreementKind = AgreementKind.External,
        Metric = metric,
        Cycle = cycle,
        State = state,
        IsPaused = state == ClockState.Paused,
        PolicyId = "vip-high",
        CalendarId = "office-nl",
        Priority = "high",
        Started = Monday0900,
        Stopped = state.IsOpen() ? null : At(45),
        StopReason = state.IsOpen() ? null : "replied",
        Used = Duration.FromMinutes(45) + Duration.FromMilliseconds(250),
        Budget = Duration.FromHours(4),
        Deadline = state == ClockState.Paused ? null : At(240),
        BreachedAt = state.IsBreached() ? At(240) : null,
        Checkpoints =
        [
            new ClockCheckpoint(new Checkpoint(CheckpointOffset.Share(75), [new RecipientRef(RecipientRole.Assignee)]), At(180), CheckpointState.Upcoming),
            new ClockCheckpoint(
                new Checkpoint(CheckpointOffset.After(Duration.FromHours(1), wallClock: true), [new RecipientRef(RecipientRole.Named, "lead@example.com"), new RecipientRef(RecipientRole.GroupLead)], 1),
                null,
                CheckpointState.Suspended),
        ],
    };

    public static ImmutableArray<Clock> ThreeClocks() =>
    [
        Clock("customer-acme", Metric.FirstResponse, ClockState.Met),
        Clock("customer-acme", Metric.Resolution, ClockState.Running),
        Clock("ola-2nd-line", Metric.Resolution, ClockState.BreachedRunning),
    ];

    public static TicketRecord Record(Ticket ticket, ImmutableArray<Clock>? clocks = null, Instant? next = null, Instant? firstSeen = null) =>
        new(ticket, firstSeen ?? At(2), At(3), clocks ?? ThreeClocks(), next);

    /// <summary>A ticket that is done: solved, every clock stopped, no timer.</summary>
    public static TicketRecord Closed(TicketRecord record) => record with
    {
        Ticket = record.Ticket with { Fields = record.Ticket.Fields with { Status = StatusCategory.Solved, StatusName = "Solved" } },
        Clocks = [Clock("customer-acme", Metric.Resolution, ClockState.Met)],
        NextCheckpointAt = null,
    };

    public static SyncPageWrite Page(string source, string? cursor, IEnumerable<TicketRecord> tickets, params RejectedTicket[] rejected) =>
        new(source, cursor, At(5), [.. tickets], [.. rejected]);

    public static Notification Notification(string source, string ticket, string checkpoint = "warn-75%", string recipient = "bob") => new()
    {
        Key = Core.Notifications.Notification.MakeKey(new TicketKey(source, ticket), "customer-acme/resolution/1", checkpoint, recipient),
        Ticket = new TicketKey(source, ticket),
        ClockKey = "customer-acme/resolution/1",
        CheckpointKey = checkpoint,
        Recipient = recipient,
        Channel = "pickup",
        DueAt = At(180),
    };
}
