using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Benchmarks;

/// <summary>
/// Realistic ticket histories for the shipped agreements, from a fixed seed: created on office days across
/// 2026, P1–P4, a first reply, one or two pauses waiting for the customer, sometimes a priority change or a
/// hand-over to Second line (the OLA), customer follow-ups, and most tickets solved.
/// </summary>
internal static class TicketStories
{
    private static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];

    public static Ticket[] Create(int count, int seed = 2026)
    {
        var random = new Random(seed);
        var first = Instant.FromUtc(2026, 1, 5, 7, 0);
        var tickets = new Ticket[count];
        for (var n = 0; n < count; n++)
        {
            var created = first + Duration.FromMinutes(random.Next(0, 340 * 24 * 60));
            var priority = Priorities[random.Next(Priorities.Length)];
            var t = created;
            Instant Later(int minMinutes, int maxMinutes) => t += Duration.FromMinutes(random.Next(minMinutes, maxMinutes));
            var events = ImmutableArray.CreateBuilder<TicketEvent>(12);
            events.Add(TicketEvent.Created(t, StatusCategory.New, new Dictionary<string, string> { ["priority"] = priority, ["group"] = "Servicedesk" }, "c"));
            events.Add(TicketEvent.StatusChange(Later(5, 90), StatusCategory.Open, "Open", "s1"));
            events.Add(TicketEvent.Reply(Later(1, 30), "r1"));
            var pauses = random.Next(1, 3);
            for (var p = 0; p < pauses; p++)
            {
                events.Add(TicketEvent.StatusChange(Later(10, 240), StatusCategory.Pending, "Waiting for customer", $"p{p}"));
                events.Add(TicketEvent.CustomerWrote(Later(30, 1440), $"m{p}"));
                events.Add(TicketEvent.StatusChange(t, StatusCategory.Open, "Open", $"o{p}"));
                events.Add(TicketEvent.Reply(Later(5, 120), $"r{p + 2}"));
            }
            if (random.Next(4) == 0) events.Add(TicketEvent.FieldChange(Later(10, 600), TicketFieldNames.Priority, Priorities[random.Next(Priorities.Length)], "prio"));
            if (random.Next(3) == 0) events.Add(TicketEvent.FieldChange(Later(10, 600), TicketFieldNames.Group, "Second line", "grp"));
            if (random.Next(10) < 7) events.Add(TicketEvent.StatusChange(Later(30, 2880), StatusCategory.Solved, "Solved", "solved"));

            tickets[n] = new Ticket
            {
                Source = "bench", ExternalId = n.ToString(System.Globalization.CultureInfo.InvariantCulture), DisplayPrefix = "BX",
                Created = created, Subject = "Benchmark ticket",
                Fields = new TicketFields { Priority = priority, Group = "Servicedesk", Organization = "Gemeente Voorbeeld" },
                Timeline = events.ToImmutable(),
            };
        }
        return tickets;
    }
}
