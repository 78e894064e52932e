using System.Text;
using CsCheck;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Tickets;
using static SlaTimers.Core.Tests.Clocks.TestCalendars;
using static SlaTimers.Core.Tests.Clocks.TestRules;

namespace SlaTimers.Core.Tests.Clocks;

internal enum StepKind
{
    Status,
    Priority,
    Group,
    Tags,
    Reply,
    CustomerMessage,
}

/// <summary>One thing that happens to a generated ticket, <see cref="Minute"/> minutes after creation.</summary>
internal sealed record Step(int Minute, StepKind Kind, string? Value)
{
    public TicketEvent ToEvent(Instant created)
    {
        var at = created + Duration.FromMinutes(Minute);
        return Kind switch
        {
            StepKind.Status => Value == TicketStories.Waiting
                ? TicketEvent.StatusChange(at, StatusCategory.Open, TicketStories.Waiting)
                : TicketEvent.StatusChange(at, TicketStories.ParseStatus(Value!)),
            StepKind.Priority => TicketEvent.FieldChange(at, TicketFieldNames.Priority, Value),
            StepKind.Group => TicketEvent.FieldChange(at, TicketFieldNames.Group, Value),
            StepKind.Tags => TicketEvent.FieldChange(at, TicketFieldNames.Tags, Value),
            StepKind.Reply => TicketEvent.Reply(at),
            _ => TicketEvent.CustomerWrote(at),
        };
    }

    public override string ToString() => $"+{Minute}m {Kind}{(Value is null ? "" : " " + Value)}";
}

/// <summary>A generated ticket: its creation (somewhere in an office week), initial fields, steps, and when we look.</summary>
internal sealed record Story(int StartMinute, string? Priority, string Status, string? Group, bool Vip, Step[] Steps, int NowMinute)
{
    public Instant Created => Mon(0) + Duration.FromMinutes(StartMinute);

    public Instant Now => Created + Duration.FromMinutes(NowMinute);

    public List<TicketEvent> Events(bool withIds)
    {
        var fields = new Dictionary<string, string>();
        if (Priority is not null) fields[TicketFieldNames.Priority] = Priority;
        if (Group is not null) fields[TicketFieldNames.Group] = Group;
        if (Vip) fields[TicketFieldNames.Tags] = "vip";
        var created = TicketEvent.Created(Created, TicketStories.ParseStatus(Status), fields);
        List<TicketEvent> events = [created, .. Steps.Select(s => s.ToEvent(Created))];
        return withIds ? [.. events.Select((e, i) => e with { Id = $"audit-{i}" })] : events;
    }

    public Ticket Ticket(bool withIds = false) => TestTicket.Ticket(Created, Events(withIds));

    public override string ToString()
    {
        var text = new StringBuilder()
            .Append($"created {Created.InZone(Amsterdam).LocalDateTime:ddd HH:mm} prio={Priority ?? "-"} status={Status} group={Group ?? "-"}{(Vip ? " vip" : "")}");
        foreach (var step in Steps.OrderBy(s => s.Minute)) text.Append(" | ").Append(step);
        return text.Append($" | now +{NowMinute}m").ToString();
    }
}

/// <summary>Random but realistic ticket timelines, and the rules they are evaluated against.</summary>
internal static class TicketStories
{
    public const string Waiting = "Waiting for customer";

    public static StatusCategory ParseStatus(string text) =>
        StatusCategories.TryParse(text, out var status) ? status : throw new ArgumentException(text);

    private static readonly Gen<int> Minute = Gen.Frequency(
        (3, Gen.Int[0, 72].Select(h => h * 60)), // on the hour: several events at one instant
        (2, Gen.Int[0, 3 * 24 * 60]));

    private static readonly Gen<(StepKind, string?)> Change = Gen.Frequency(
        (5, Gen.OneOf<string?>("new", "open", "pending", "on-hold", "solved", Waiting).Select(v => (StepKind.Status, v))),
        (2, Gen.OneOf<string?>("low", "normal", "high", "urgent").Select(v => (StepKind.Priority, v))),
        (2, Gen.OneOf<string?>("First line", SecondLine, null).Select(v => (StepKind.Group, v))),
        (1, Gen.OneOf<string?>("vip", "").Select(v => (StepKind.Tags, v))),
        (3, Gen.Const<(StepKind, string?)>((StepKind.Reply, null))),
        (3, Gen.Const<(StepKind, string?)>((StepKind.CustomerMessage, null))));

    private static readonly Gen<Step> StepGen = Gen.Select(Minute, Change, (m, c) => new Step(m, c.Item1, c.Item2));

    /// <summary>0-12 events over three days; the ticket is looked at up to four days after creation.</summary>
    public static readonly Gen<Story> Stories = Gen.Select(
        Gen.Int[0, 7 * 24 * 4].Select(q => q * 15),
        Gen.Frequency((6, Gen.OneOf<string?>("low", "normal", "high", "urgent")), (1, Gen.Const((string?)null))),
        Gen.OneOf("new", "open"),
        Gen.OneOf<string?>("First line", SecondLine, null),
        Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))),
        StepGen.Array[0, 12],
        Gen.Int[0, 4 * 24 * 60],
        (start, priority, status, group, vip, steps, now) => new Story(start, priority, status, group, vip, steps, now));

    /// <summary>
    /// A customer SLA with a stricter vip policy (24x7) and a standard one (office hours), and the second
    /// line's OLA. Budgets exist per priority only, so an untriaged ticket waits for its first policy.
    /// </summary>
    public static readonly SlaRules Rules = Of(
        External(
            When("vip", Tagged("vip"),
                FirstResponse("urgent=15m, high=30m, normal=1h, low=2h"),
                Target(Metric.NextResponse, "urgent=30m, high=1h, normal=2h, low=4h"),
                Resolution("urgent=1h, high=2h, normal=4h, low=8h", pauseOn: "pending, on-hold",
                    checkpoints: ["50%", "30m before", "+0", "+1h wall"])),
            Always("standard",
                FirstResponse("urgent=30m, high=1h, normal=4h, low=8h", Office, "75%", "+0"),
                Target(Metric.NextResponse, "urgent=1h, high=2h, normal=4h, low=8h", Office),
                Target(Metric.PeriodicUpdate, "urgent=1h, high=2h, normal=4h, low=8h", pauseOn: "pending"),
                Resolution("urgent=4h, high=8h, normal=16h, low=40h", Office, pauseOn: $"pending, on-hold, {Waiting}",
                    onReopen: ReopenBehaviour.Restart, checkpoints: ["50%", "30m before", "+0", "+1h", "+1h wall"]))),
        Internal(Always("second-line",
            FirstResponse("urgent=30m, high=2h, normal=4h, low=8h", Office),
            Resolution("urgent=4h, high=8h, normal=8h, low=16h", Office, checkpoints: ["75%", "+0", "+2h"]))));
}
