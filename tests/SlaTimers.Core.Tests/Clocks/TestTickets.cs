using System.Collections.Immutable;
using System.Text;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Tests.Clocks;

/// <summary>Instants on a 24x7 timeline: <c>T0</c> is Monday 2026-11-23 09:00 UTC, <c>M(90)</c> is 90 minutes later.</summary>
internal static class Times
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 0);

    public static Instant M(int minutes) => T0 + Duration.FromMinutes(minutes);

    public static Instant H(int hours) => T0 + Duration.FromHours(hours);

    public static Duration Minutes(int minutes) => Duration.FromMinutes(minutes);

    public static Duration Hours(int hours) => Duration.FromHours(hours);
}

/// <summary>
/// Builds a ticket and its timeline the way a connector would report it: a Created event with the
/// initial field values, then changes, replies and messages.
/// </summary>
internal sealed class TestTicket
{
    private readonly Instant _created;
    private readonly List<TicketEvent> _events = [];

    private TestTicket(Instant created, TicketEvent createdEvent)
    {
        _created = created;
        _events.Add(createdEvent);
    }

    /// <summary>A ticket created at <paramref name="at"/> with these initial values (null leaves a field unset).</summary>
    public static TestTicket Created(Instant at, string? priority = "normal", StatusCategory status = StatusCategory.Open,
        string? group = null, string? tags = null)
    {
        var fields = new Dictionary<string, string>();
        if (priority is not null) fields[TicketFieldNames.Priority] = priority;
        if (group is not null) fields[TicketFieldNames.Group] = group;
        if (tags is not null) fields[TicketFieldNames.Tags] = tags;
        return new TestTicket(at, TicketEvent.Created(at, status, fields));
    }

    public TestTicket Status(Instant at, StatusCategory status, string? name = null) => Add(TicketEvent.StatusChange(at, status, name));

    public TestTicket Field(Instant at, string field, string? value) => Add(TicketEvent.FieldChange(at, field, value));

    public TestTicket Priority(Instant at, string? priority) => Field(at, TicketFieldNames.Priority, priority);

    public TestTicket Group(Instant at, string? group) => Field(at, TicketFieldNames.Group, group);

    public TestTicket Tags(Instant at, string tags) => Field(at, TicketFieldNames.Tags, tags);

    public TestTicket Reply(Instant at) => Add(TicketEvent.Reply(at));

    public TestTicket CustomerWrote(Instant at) => Add(TicketEvent.CustomerWrote(at));

    public TestTicket Solved(Instant at) => Status(at, StatusCategory.Solved);

    public TestTicket Reopened(Instant at) => Status(at, StatusCategory.Open);

    public TestTicket Merged(Instant at) => Add(TicketEvent.Merge(at));

    public TestTicket Deleted(Instant at) => Add(TicketEvent.Delete(at));

    public TestTicket Add(TicketEvent e)
    {
        _events.Add(e);
        return this;
    }

    public Ticket Build() => Ticket(_created, _events);

    public ImmutableArray<Clock> Evaluate(SlaRules rules, Instant now, Instant? knownSince = null) =>
        ClockEvaluator.Evaluate(Build(), rules, now, knownSince);

    public static Ticket Ticket(Instant created, IEnumerable<TicketEvent> timeline) => new()
    {
        Source = "test", ExternalId = "4821", DisplayPrefix = "ZD", Created = created, Timeline = [.. timeline],
    };
}

internal static class ClockLookup
{
    /// <summary>The one clock with this key, e.g. <c>acme/resolution/1</c>.</summary>
    public static Clock Get(this ImmutableArray<Clock> clocks, string key)
    {
        var found = clocks.Where(c => c.Key == key).ToList();
        Assert.True(found.Count == 1, $"Expected one clock '{key}', found {found.Count}. Clocks: {string.Join(", ", clocks.Select(c => c.Key))}");
        return found[0];
    }

    public static Clock Resolution(this ImmutableArray<Clock> clocks, int cycle = 1) => clocks.Get($"{TestRules.Customer}/resolution/{cycle}");

    public static Clock FirstResponse(this ImmutableArray<Clock> clocks, int cycle = 1) => clocks.Get($"{TestRules.Customer}/firstResponse/{cycle}");

    public static ClockCheckpoint Checkpoint(this Clock clock, string offset) =>
        clock.Checkpoints.Single(c => c.Definition.Offset.ToString() == TestRules.Offset(offset).ToString());

    /// <summary>Everything about a clock as one line, so two evaluations can be compared exactly.</summary>
    public static string Fingerprint(this Clock c)
    {
        var text = new StringBuilder()
            .Append(c.Key).Append(' ').Append(c.State).Append(c.IsPaused ? " paused" : "")
            .Append(" policy=").Append(c.PolicyId).Append(" cal=").Append(c.CalendarId).Append(" prio=").Append(c.Priority)
            .Append(" started=").Append(c.Started).Append(" stopped=").Append(c.Stopped).Append(" reason=").Append(c.StopReason)
            .Append(" used=").Append(c.Used).Append(" budget=").Append(c.Budget)
            .Append(" deadline=").Append(c.Deadline).Append(" breached=").Append(c.BreachedAt);
        foreach (var cp in c.Checkpoints) text.Append(" [").Append(cp.Definition.Key).Append(' ').Append(cp.At).Append(' ').Append(cp.State).Append(']');
        return text.ToString();
    }

    public static string Fingerprint(this ImmutableArray<Clock> clocks) =>
        string.Join("\n", clocks.Select(Fingerprint).Order(StringComparer.Ordinal));
}
