using NodaTime;
using SlaTimers.Testing.Zendesk;

namespace SlaTimers.LoadDriver;

/// <summary>
/// The simulated account: open tickets of the last two weeks with realistic histories — about ten audits each
/// (creation with the request, assignment, replies, waiting for the customer and back, an internal note, a
/// priority change, sometimes an escalation to the second line) — for the shipped agreements (Gemeente Voorbeeld's
/// SLA, the second line's OLA), plus the latency tickets of <see cref="LoadConfig.LatencyOrganization"/>. A ticket's
/// history follows from its id and the account's epoch, so it is made again for each audits request instead of kept.
/// </summary>
public sealed class LoadTickets(Instant epoch)
{
    public const long Servicedesk = 98738;
    public const long SecondLine = 98739;
    public const long LatencyGroup = 98740;
    public const long GemeenteVoorbeeld = 509974;
    public const long OtherCustomer = 509975;
    public const long LatencyCustomer = 509999;

    /// <summary>Agents: the first is Jan de Vries of the shipped recipients.json; the others are added to it (<see cref="LoadConfig"/>).</summary>
    public static IReadOnlyList<long> Agents { get; } = [381245001, 381245002, 381245003, 381245004, 381245005, 381245006];

    private const long FirstRequester = 30_000_000;
    private const int Requesters = 2_000;
    private const int AuditsPerTicket = 10;

    public ZendeskAccount CreateAccount()
    {
        var account = new ZendeskAccount { Story = Story };
        account.AddGroup(Servicedesk, "Servicedesk");
        account.AddGroup(SecondLine, "Second line");
        account.AddGroup(LatencyGroup, "Latency");
        account.AddOrganization(GemeenteVoorbeeld, "Gemeente Voorbeeld");
        account.AddOrganization(OtherCustomer, "Bakkerij Jansen");
        account.AddOrganization(LatencyCustomer, LoadConfig.LatencyOrganization);
        for (var i = 0; i < Agents.Count; i++) account.AddUser(new StubUser(Agents[i], $"Agent {i}", $"agent{i}@example.nl", "agent"));
        account.AddUser(new StubUser(LoadConfig.LatencyAgent, "Latency Agent", "latency@example.nl", "agent"));
        for (var i = 0; i < Requesters; i++) account.AddUser(new StubUser(FirstRequester + i, $"Requester {i}", $"r{i}@customer.example", "end-user"));
        return account;
    }

    /// <summary><paramref name="count"/> open tickets from id <paramref name="firstId"/>, in the order the export lists them (last change first to last).</summary>
    public IEnumerable<StubTicket> Open(long firstId, int count) =>
        Enumerable.Range(0, count).Select(i => Ticket(Plan(firstId + i))).OrderBy(t => t.LastUpdate);

    /// <summary>
    /// A latency ticket: created at <paramref name="created"/> in the latency group, assigned to the latency agent,
    /// P3 (normal): its warning comes due at 50 % of the latency agreement's budget.
    /// </summary>
    public static StubTicket Latency(long id, Instant created) => new()
    {
        Id = id,
        Created = created,
        Status = "open",
        Priority = "normal",
        GroupId = LatencyGroup,
        OrganizationId = LatencyCustomer,
        AssigneeId = LoadConfig.LatencyAgent,
        RequesterId = FirstRequester,
        Subject = $"Latency ticket {id}",
    };

    private StubTicket Ticket(TicketPlan plan) => new()
    {
        Id = plan.Id,
        Created = plan.Created,
        Updated = plan.Times[^1],
        Status = plan.FinalStatus,
        Priority = plan.FinalPriority,
        Type = plan.Type,
        GroupId = plan.FinalGroup,
        OrganizationId = plan.Organization,
        AssigneeId = plan.Agent,
        RequesterId = plan.Requester,
        Subject = $"Ticket {plan.Id}: {plan.Type} for {plan.Requester}",
        Tags = plan.Tags,
    };

    /// <summary>The ticket's audits (latency tickets, which have no plan, just their creation).</summary>
    private IReadOnlyList<StubAudit> Story(StubTicket ticket)
    {
        if (ticket.OrganizationId == LatencyCustomer) return [StubAudits.Creation(ticket)];
        var plan = Plan(ticket.Id);
        var t = plan.Times;
        var audits = new List<StubAudit>(AuditsPerTicket);
        long n = 0;
        StubAudit Audit(int index, long author, params StubEvent[] events) => new(ticket.Id * 100 + index, t[index], author, events);
        long Event() => ticket.Id * 1000 + ++n;

        audits.Add(Audit(0, plan.Requester,
            StubEvent.Create(Event(), "status", "new"),
            StubEvent.Create(Event(), "priority", plan.FirstPriority),
            StubEvent.Create(Event(), "type", plan.Type),
            StubEvent.Create(Event(), "group_id", plan.FirstGroup),
            StubEvent.Create(Event(), "organization_id", plan.Organization),
            StubEvent.Create(Event(), "tags", plan.Tags),
            StubEvent.Create(Event(), "subject", ticket.Subject),
            StubEvent.Comment(Event(), plan.Requester)));
        audits.Add(Audit(1, plan.Agent, StubEvent.Change(Event(), "assignee_id", plan.Agent), StubEvent.Change(Event(), "status", "open")));
        audits.Add(Audit(2, plan.Agent, StubEvent.Comment(Event(), plan.Agent)));
        audits.Add(Audit(3, plan.Agent, StubEvent.Comment(Event(), plan.Agent), StubEvent.Change(Event(), "status", "pending")));
        audits.Add(Audit(4, plan.Requester, StubEvent.Comment(Event(), plan.Requester), StubEvent.Change(Event(), "status", "open")));
        audits.Add(Audit(5, plan.Agent, StubEvent.Comment(Event(), plan.Agent, isPublic: false)));
        audits.Add(plan.FinalPriority != plan.FirstPriority
            ? Audit(6, plan.Agent, StubEvent.Change(Event(), "priority", plan.FinalPriority))
            : Audit(6, plan.Agent, StubEvent.Comment(Event(), plan.Agent, isPublic: false)));
        audits.Add(Audit(7, plan.Agent, StubEvent.Comment(Event(), plan.Agent)));
        audits.Add(plan.FinalGroup != plan.FirstGroup
            ? Audit(8, plan.Agent, StubEvent.Change(Event(), "group_id", plan.FinalGroup))
            : Audit(8, plan.Agent, StubEvent.Comment(Event(), plan.Agent, isPublic: false)));
        audits.Add(Audit(9, plan.Requester, StubEvent.Comment(Event(), plan.Requester), StubEvent.Change(Event(), "status", plan.FinalStatus)));
        return audits;
    }

    private TicketPlan Plan(long id)
    {
        var random = new Random(unchecked((int)(id * 2654435761L)));
        // Created 10 minutes to 14 days ago; its audits at sorted random instants up to a minute ago.
        var created = epoch - Duration.FromSeconds(random.Next(600, 14 * 24 * 3600));
        var last = epoch - Duration.FromMinutes(1);
        var span = (last - created).TotalSeconds;
        var offsets = Enumerable.Range(0, AuditsPerTicket - 1).Select(_ => random.NextDouble() * span).Order().ToArray();
        var times = new Instant[AuditsPerTicket];
        times[0] = created;
        for (var i = 1; i < AuditsPerTicket; i++) times[i] = Instant.FromUnixTimeSeconds((created + Duration.FromSeconds(offsets[i - 1])).ToUnixTimeSeconds());

        string Priority(double p) => p switch { < 0.05 => "urgent", < 0.25 => "high", < 0.85 => "normal", _ => "low" };
        var firstPriority = Priority(random.NextDouble());
        var finalPriority = random.NextDouble() < 0.15 ? Priority(random.NextDouble()) : firstPriority;
        var firstGroup = random.NextDouble() < 0.85 ? Servicedesk : SecondLine;
        var finalGroup = firstGroup == Servicedesk && random.NextDouble() < 0.1 ? SecondLine : firstGroup;
        var tags = random.NextDouble() switch
        {
            < 0.02 => (string[])["major-incident", "network"],
            < 0.3 => ["printer"],
            < 0.5 => ["account", "password"],
            _ => [],
        };
        return new TicketPlan(
            id,
            created,
            times,
            firstPriority,
            finalPriority,
            random.NextDouble() < 0.7 ? "incident" : "question",
            firstGroup,
            finalGroup,
            random.NextDouble() < 0.75 ? GemeenteVoorbeeld : OtherCustomer,
            Agents[random.Next(Agents.Count)],
            FirstRequester + random.Next(Requesters),
            tags,
            random.NextDouble() < 0.8 ? "open" : "pending");
    }

    private sealed record TicketPlan(
        long Id,
        Instant Created,
        Instant[] Times,
        string FirstPriority,
        string FinalPriority,
        string Type,
        long FirstGroup,
        long FinalGroup,
        long Organization,
        long Agent,
        long Requester,
        string[] Tags,
        string FinalStatus);
}
