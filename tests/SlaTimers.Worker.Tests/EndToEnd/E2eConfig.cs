using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;
using SlaTimers.Testing.Zendesk;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// The config folder of the end-to-end tests: agreement <c>e2e-sla</c> on the built-in <c>24x7</c> calendar, one
/// resolution target whose budget depends on the Zendesk priority (<see cref="Budget"/>), a warning at 50 % and a
/// breach notice at +0, both to the assignee — Ann, Zendesk agent <see cref="StubUsers.Agent"/>. Every ticket thus
/// gives exactly two notifications, with keys the tests compute (<see cref="Keys"/>).
/// </summary>
public static class E2eConfig
{
    public const string Helpdesk = "zd";
    public const string ClockKey = "e2e-sla/resolution/1";
    public const string Warning = "warn-50%";
    public const string Breach = "escalate-1";
    public static readonly string Recipient = RecipientIds.Person("ann");

    public const string Agreement = """
        {
          "id": "e2e-sla",
          "name": "End-to-end SLA",
          "kind": "external",
          "priorities": ["urgent", "high", "normal", "low"],
          "policies": [
            { "id": "all", "name": "All tickets", "when": {},
              "targets": { "resolution": { "calendar": "24x7",
                "budget": { "urgent": "20s", "high": "40s", "normal": "2m", "low": "1h" },
                "checkpoints": [ { "at": "50%", "notify": ["assignee"] }, { "at": "+0", "notify": ["assignee"] } ] } } }
          ]
        }
        """;

    public static readonly string Recipients = $$"""
        {
          "people": {
            "ann": { "name": "Ann Agent", "email": "ann@example.com", "language": "en", "helpdeskIds": ["zendesk:{{StubUsers.Agent}}"] }
          },
          "groups": {},
          "channels": {}
        }
        """;

    /// <summary>The resolution budget of a Zendesk priority (the agreement above).</summary>
    public static Duration Budget(string priority) => priority switch
    {
        "urgent" => Duration.FromSeconds(20),
        "high" => Duration.FromSeconds(40),
        "normal" => Duration.FromMinutes(2),
        "low" => Duration.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "not a priority of e2e-sla"),
    };

    /// <summary>An open ticket assigned to Ann, created at a whole second (Zendesk's timestamps have no fractions).</summary>
    public static StubTicket Ticket(long id, Instant created, string priority) => new()
    {
        Id = id,
        Created = Instant.FromUnixTimeSeconds(created.ToUnixTimeSeconds()),
        Status = "open",
        Priority = priority,
        AssigneeId = StubUsers.Agent,
        Subject = $"E2E ticket {id}",
    };

    /// <summary>The two notifications of a ticket: its warning and its breach notice.</summary>
    public static IEnumerable<string> Keys(StubTicket ticket) =>
        [Key(ticket.Id, Warning), Key(ticket.Id, Breach)];

    public static string Key(long ticketId, string checkpoint) =>
        Notification.MakeKey(new TicketKey(Helpdesk, ticketId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ClockKey, checkpoint, Recipient);

    /// <summary>When a checkpoint of the ticket is due.</summary>
    public static Instant DueAt(StubTicket ticket, string checkpoint) =>
        ticket.Created + (checkpoint == Warning ? Budget(ticket.Priority!) / 2 : Budget(ticket.Priority!));
}
