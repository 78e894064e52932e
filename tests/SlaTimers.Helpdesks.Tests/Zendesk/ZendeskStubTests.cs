using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NodaTime;
using SlaTimers.Testing.Zendesk;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>
/// The stub serves the account's bodies rendered once and kept (audits per ticket version, export pages while the
/// account stands): they must be the bytes a fresh rendering writes, and a ticket put again must not be served stale.
/// </summary>
public sealed class ZendeskStubTests : IAsyncLifetime
{
    private static readonly Instant Created = Instant.FromUtc(2026, 11, 20, 8, 0);

    private readonly ZendeskAccount _account = new() { Story = Story };
    private ZendeskStub _stub = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _account.AddGroup(ZendeskJson.Servicedesk, "Servicedesk");
        _account.AddOrganization(ZendeskJson.Customer, "Gemeente Voorbeeld");
        _account.Put(Ticket(1), Ticket(2), Ticket(3) with { Audits = [StubAudits.Creation(Ticket(3))] });
        _stub = await ZendeskStub.StartAsync(_account);
        _http = new HttpClient { BaseAddress = _stub.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_account.Email}/token:{_account.ApiToken}")));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _stub.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Audits_served_again_are_the_bytes_of_a_fresh_rendering(bool prerendered)
    {
        if (prerendered) _account.Prerender(perPage: 1000);
        foreach (var id in (long[])[1, 2, 3])
        {
            var first = await GetAsync(ZendeskJson.AuditsPath(id));
            var again = await GetAsync(ZendeskJson.AuditsPath(id));
            Assert.Equal(Fresh(json => _account.WriteAudits(json, id)), first);
            Assert.Equal(first, again);
        }
        using var missing = await _http.GetAsync(ZendeskJson.AuditsPath(99));
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_ticket_put_again_after_its_first_request_is_served_as_it_is_now(bool prerendered)
    {
        if (prerendered) _account.Prerender(perPage: 1000);
        var before = await GetAsync(ZendeskJson.AuditsPath(2));

        // A new version: other fields (the story follows them) and, for ticket 3, other audits.
        _account.Put(Ticket(2) with { Priority = "urgent", Tags = ["escalated"], Updated = Created + Duration.FromHours(3) });
        var after = await GetAsync(ZendeskJson.AuditsPath(2));
        Assert.NotEqual(before, after);
        Assert.Equal(Fresh(json => _account.WriteAudits(json, 2)), after);
        Assert.Contains("escalated", Encoding.UTF8.GetString(after));

        await GetAsync(ZendeskJson.AuditsPath(3));
        var change = new StubAudit(302, Created + Duration.FromHours(1), StubUsers.Agent, [StubEvent.Change(3021, "status", "pending")]);
        _account.Put(Ticket(3) with { Audits = [StubAudits.Creation(Ticket(3)), change] });
        var three = await GetAsync(ZendeskJson.AuditsPath(3));
        Assert.Equal(Fresh(json => _account.WriteAudits(json, 3)), three);
        Assert.Contains("\"pending\"", Encoding.UTF8.GetString(three));
    }

    [Fact]
    public async Task Export_pages_are_fresh_renderings_and_follow_a_change()
    {
        _account.Prerender(perPage: 2);
        var path = ZendeskJson.ExportPath + "?per_page=2&start_time=0";
        var first = await GetAsync(path);
        Assert.Equal(Fresh(json => _account.WriteExportPage(json, null, 0, 2)), first);
        Assert.Equal(first, await GetAsync(path));
        var second = await GetAsync(ZendeskJson.ExportPath + "?per_page=2&cursor=c2");
        Assert.Equal(Fresh(json => _account.WriteExportPage(json, "c2", null, 2)), second);

        // Ticket 1 changes: it leaves the first page for the end of the log, where the stored cursor finds it.
        _account.Put(Ticket(1) with { Status = "pending", Updated = Created + Duration.FromHours(5) });
        var changed = await GetAsync(path);
        Assert.NotEqual(first, changed);
        Assert.Equal(Fresh(json => _account.WriteExportPage(json, null, 0, 2)), changed);
        var tail = await GetAsync(ZendeskJson.ExportPath + "?per_page=2&cursor=c2");
        Assert.Equal(Fresh(json => _account.WriteExportPage(json, "c2", null, 2)), tail);
        Assert.Contains("\"pending\"", Encoding.UTF8.GetString(tail));

        // A group added: every page shows it.
        _account.AddGroup(ZendeskJson.Servicedesk + 1, "Second line");
        Assert.Contains("Second line", Encoding.UTF8.GetString(await GetAsync(path)));
    }

    private async Task<byte[]> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        return body;
    }

    /// <summary>Written now, as the stub wrote its responses before it kept them: a default writer on the response.</summary>
    private static byte[] Fresh(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) write(json);
        return stream.ToArray();
    }

    private static StubTicket Ticket(long id) => new()
    {
        Id = id,
        Created = Created,
        Updated = Created + Duration.FromHours(id),
        Priority = "high",
        GroupId = ZendeskJson.Servicedesk,
        OrganizationId = ZendeskJson.Customer,
        AssigneeId = StubUsers.Agent,
        Subject = $"Ticket {id}: the printer “is” on fire",
        Tags = ["printer"],
    };

    /// <summary>A story from the ticket's fields: its creation, an agent's reply, a note and its last change of status.</summary>
    private static IReadOnlyList<StubAudit> Story(StubTicket ticket) =>
    [
        StubAudits.Creation(ticket),
        new(ticket.Id * 100 + 2, ticket.Created + Duration.FromMinutes(5), StubUsers.Agent,
            [StubEvent.Comment(ticket.Id * 1000 + 21, StubUsers.Agent), StubEvent.Change(ticket.Id * 1000 + 22, "tags", ticket.Tags)]),
        new(ticket.Id * 100 + 3, ticket.LastUpdate, StubUsers.Agent,
            [StubEvent.Comment(ticket.Id * 1000 + 31, StubUsers.Agent, isPublic: false), StubEvent.Change(ticket.Id * 1000 + 32, "priority", ticket.Priority),
             StubEvent.Change(ticket.Id * 1000 + 33, "assignee_id", null)]),
    ];
}
