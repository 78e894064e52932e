using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>Tickets as a helpdesk would hand them over: created at an instant, with a priority, group and assignee.</summary>
public static class TestTickets
{
    public static Ticket Make(string source, string id, Instant created, string priority = "high", string? group = null, string? assignee = "agent-ann",
        params TicketEvent[] later) => new()
    {
        Source = source,
        ExternalId = id,
        DisplayPrefix = "T",
        Created = created,
        Subject = $"Ticket {id}",
        Fields = new TicketFields { Priority = priority, Group = group, Assignee = assignee, Status = StatusCategory.Open },
        Timeline =
        [
            TicketEvent.Created(created, StatusCategory.Open,
                new Dictionary<string, string?> { ["priority"] = priority, ["group"] = group, ["assignee"] = assignee }
                    .Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!), id: $"{id}-created"),
            .. later,
        ],
    };
}
