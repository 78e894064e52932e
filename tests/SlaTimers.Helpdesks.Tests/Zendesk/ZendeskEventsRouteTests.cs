using System.Globalization;
using NodaTime;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Helpdesks.Tests.Support;
using SlaTimers.Testing.Zendesk;
using static SlaTimers.Testing.Zendesk.StubUsers;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>
/// <c>Timelines: events</c> — timelines from the incremental ticket-events stream — must read every ticket exactly as
/// the audits route does, asking for audits only where the stream cannot show a ticket's whole history: created
/// before the stream's read began (the export's start, a restart, a cursor the buffer did not read to), a comment by
/// a user the export did not name, or events dropped at the buffer's limit.
/// </summary>
public sealed class ZendeskEventsRouteTests : IAsyncLifetime
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 1, 0, 0); // the helpdesk's StartTime
    private const long Stranger = 777001; // a user no export page names

    private readonly ZendeskAccount _account = new();
    private readonly List<HelpdeskHost> _hosts = [];
    private ZendeskStub _stub = null!;

    public async Task InitializeAsync()
    {
        _account.AddGroup(ZendeskJson.Servicedesk, "Servicedesk");
        _account.AddGroup(4242, "Second line");
        _account.AddOrganization(ZendeskJson.Customer, "Gemeente Voorbeeld");
        _stub = await ZendeskStub.StartAsync(_account);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Every_ticket_reads_as_from_its_audits_and_only_those_the_stream_cannot_cover_ask_for_them()
    {
        var early = Story(500, Start - Duration.FromHours(2)); // before the stream's start
        var stranger = Story(501, Start + Duration.FromHours(30), commentBy: Stranger);
        _account.Put([.. Account(count: 12, hoursApart: 7), early, stranger]);

        var byAudits = await ReadAllAsync(await SourceAsync("audits"));
        var auditsRequests = _stub.Count(StubRoute.Audits);
        var byEvents = await ReadAllAsync(await SourceAsync("events"));

        Assert.Equal(14, byAudits.Count);
        Assert.Equal(Describe(byAudits), Describe(byEvents));
        Assert.Equal(14, auditsRequests);
        Assert.Equal(["500", "501"], AuditsAskedFor(after: 14));
        Assert.True(_stub.Count(StubRoute.TicketEvents) >= 1);
    }

    [Fact]
    public async Task A_restart_from_a_stored_cursor_reads_on_with_audits_for_tickets_from_before_the_buffer()
    {
        _account.EventsPerPage = 5;
        _account.Put(Account(count: 12, hoursApart: 20));
        var expected = Describe(await ReadAllAsync(await SourceAsync("audits")));
        var before = _stub.Count(StubRoute.Audits);

        var first = await SourceAsync("events");
        var page = await first.ReadChangesAsync(null, CancellationToken.None);
        Assert.NotNull(page.NextCursor);
        Assert.Contains("|events:", page.NextCursor, StringComparison.Ordinal);
        var restarted = await SourceAsync("events"); // another process: its buffer is empty
        var rest = await ReadAllAsync(restarted, page.NextCursor);

        Assert.Equal(expected, Describe([.. page.Tickets, .. rest]));
        var eventsFrom = long.Parse(page.NextCursor[(page.NextCursor.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        var coveredAfterRestart = rest.Where(t => t.Created.ToUnixTimeSeconds() >= eventsFrom).Select(t => t.ExternalId).ToHashSet();
        Assert.NotEmpty(coveredAfterRestart);
        Assert.DoesNotContain(AuditsAskedFor(after: before), coveredAfterRestart.Contains);
        Assert.Equal(rest.Count - coveredAfterRestart.Count, AuditsAskedFor(after: before).Count);
    }

    [Fact]
    public async Task A_page_read_again_from_the_same_cursor_is_the_same_page()
    {
        _account.EventsPerPage = 5;
        _account.Put(Account(count: 6, hoursApart: 7));
        var source = await SourceAsync("events");

        var first = await source.ReadChangesAsync(null, CancellationToken.None);
        var again = await source.ReadChangesAsync(null, CancellationToken.None); // a retry: the store refused the page

        Assert.Equal(Describe(first.Tickets), Describe(again.Tickets));
        Assert.Equal(first.NextCursor, again.NextCursor);
    }

    [Fact]
    public async Task Past_the_buffer_limit_the_events_are_dropped_and_those_tickets_read_from_their_audits()
    {
        _account.EventsPerPage = 10;
        _account.Put(Account(count: 40, hoursApart: 3)); // ~5 events each, 70 h of history: ~25 tickets' events at once
        var expected = Describe(await ReadAllAsync(await SourceAsync("audits")));
        var before = _stub.Count(StubRoute.Audits);

        var byEvents = await ReadAllAsync(await SourceAsync("events", ("EventBufferLimit", "100")));

        Assert.Equal(expected, Describe(byEvents));
        var asked = AuditsAskedFor(after: before);
        Assert.NotEmpty(asked);
        Assert.True(asked.Count < 40, $"{asked.Count} tickets read from audits");
    }

    /// <summary><paramref name="count"/> tickets created <paramref name="hoursApart"/> apart from <see cref="Start"/>, each with a history of 70 h: the next ones are created meanwhile.</summary>
    private static List<StubTicket> Account(int count, int hoursApart) =>
        [.. Enumerable.Range(0, count).Select(i => Story(1000 + i, Start + Duration.FromHours(1 + hoursApart * i)))];

    /// <summary>
    /// Created by the requester, taken by the agent (open), answered (pending), the customer writes back (open), a
    /// private note, a raised priority and a move to the second line for every other ticket, solved — spread over three days.
    /// </summary>
    private static StubTicket Story(long id, Instant created, long? commentBy = null)
    {
        var ticket = new StubTicket
        {
            Id = id,
            Created = created,
            Status = "open",
            Priority = "normal",
            GroupId = ZendeskJson.Servicedesk,
            OrganizationId = ZendeskJson.Customer,
            AssigneeId = Agent,
            Tags = ["enterprise"],
        };
        var audits = Audits(ticket, commentBy ?? Agent);
        return ticket with { Audits = audits, Updated = audits[^1].At, Status = "solved", Priority = id % 2 == 0 ? "high" : "normal", GroupId = id % 2 == 0 ? 4242 : ZendeskJson.Servicedesk };
    }

    private static List<StubAudit> Audits(StubTicket ticket, long commenter)
    {
        var id = ticket.Id * 100;
        var at = ticket.Created;
        StubAudit Audit(int n, Duration after, long author, params StubEvent[] events) => new(id + n, at + after, author, events);
        var audits = new List<StubAudit>
        {
            StubAudits.Creation(ticket with { Status = "new" }) with { Id = id + 1 },
            Audit(2, Duration.FromMinutes(20), Agent, StubEvent.Change((id + 2) * 10, "status", "open")),
            Audit(3, Duration.FromHours(5), commenter, StubEvent.Comment((id + 3) * 10, commenter), StubEvent.Change((id + 3) * 10 + 1, "status", "pending")),
            Audit(4, Duration.FromHours(20), Requester, StubEvent.Comment((id + 4) * 10, Requester), StubEvent.Change((id + 4) * 10 + 1, "status", "open")),
        };
        if (ticket.Id % 2 == 0)
        {
            audits.Add(Audit(5, Duration.FromHours(30), Agent, StubEvent.Comment((id + 5) * 10, Agent, isPublic: false),
                StubEvent.Change((id + 5) * 10 + 1, "priority", "high"), StubEvent.Change((id + 5) * 10 + 2, "group_id", 4242L)));
        }
        audits.Add(Audit(6, Duration.FromHours(70), Agent, StubEvent.Comment((id + 6) * 10, Agent), StubEvent.Change((id + 6) * 10 + 1, "status", "solved")));
        return audits;
    }

    private async Task<ITicketSource> SourceAsync(string timelines, params (string Key, string? Value)[] extra)
    {
        var host = await HelpdeskHost.StartAsync(HelpdeskHost.Zendesk(_stub.BaseUrl,
            [("Timelines", timelines), ("PageSize", "3"), ("StartTime", Start.ToString()), .. extra]));
        _hosts.Add(host);
        return host.Registry.Get("zd");
    }

    private static async Task<List<Ticket>> ReadAllAsync(ITicketSource source, string? cursor = null)
    {
        var tickets = new List<Ticket>();
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await source.ReadChangesAsync(cursor, CancellationToken.None);
            Assert.Empty(page.Rejected);
            tickets.AddRange(page.Tickets);
            if (page.EndOfStream) return tickets;
            cursor = page.NextCursor;
        }
        throw new InvalidOperationException("the export did not end");
    }

    /// <summary>The tickets whose audits were asked for after the first <paramref name="after"/> audits requests.</summary>
    private List<string> AuditsAskedFor(long after) =>
        [.. _stub.Requests.Where(r => r.Route == StubRoute.Audits).Skip((int)after)
            .Select(r => r.Path.Split('/')[4]).Order(StringComparer.Ordinal)];

    /// <summary>Everything a ticket carries, in text: records compare their collections by reference.</summary>
    private static List<string> Describe(IEnumerable<Ticket> tickets) =>
        [.. tickets.OrderBy(t => t.ExternalId, StringComparer.Ordinal).Select(t =>
            $"{t.ExternalId} {t.Created} '{t.Subject}' {t.Requester} {t.Link} | {Describe(t.Fields)}\n"
            + string.Join("\n", t.Timeline.Select(e =>
                $"  {e.At} {e.Kind} {e.Id} {e.Field}={e.Value} {e.Status} {e.StatusName} {(e.Fields is null ? "" : Describe(e.Fields))}")))];

    private static string Describe(TicketFields f) =>
        $"{f.Status} {f.StatusName} {f.Priority} {f.Type} {f.Group} {f.Assignee} {f.Organization} {f.Channel} "
        + $"[{string.Join(",", f.Tags.Order(StringComparer.Ordinal))}] {Describe(f.Custom)}";

    private static string Describe(IReadOnlyDictionary<string, string> values) =>
        "{" + string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")) + "}";
}
