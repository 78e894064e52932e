using System.Text.Json.Nodes;
using SlaTimers.Core.Tickets;
using SlaTimers.Testing.Zendesk;
using static SlaTimers.Testing.Zendesk.ZendeskJson;
using static SlaTimers.Testing.Zendesk.StubUsers;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>A bad ticket is quarantined with its reason and payload; it never stops the page.</summary>
public class ZendeskRejectionTests : ZendeskTestBase
{
    [Fact]
    public async Task A_ticket_with_an_unknown_status_is_rejected_and_the_others_are_mapped()
    {
        var odd = Ticket(2, t => t["status"] = "escalated");
        Stub.OnJson(ExportPath, ExportPage([Ticket(1), odd, Ticket(3, t => t["status"] = "solved")]));
        CreatedOnly(1, 2, 3);
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Equal(["1", "3"], page.Tickets.Select(t => t.ExternalId));
        Assert.Equal([StatusCategory.Open, StatusCategory.Solved], page.Tickets.Select(t => t.Fields.Status));
        var rejected = Assert.Single(page.Rejected);
        Assert.Equal(("zd", "2"), (rejected.Source, rejected.ExternalId));
        Assert.Contains("'escalated'", rejected.Reason);
        Assert.Contains("Helpdesks:zd:StatusMap", rejected.Reason);
        Assert.True(JsonNode.DeepEquals(odd, JsonNode.Parse(rejected.RawPayload)));
    }

    [Theory]
    [InlineData("custom_status_id")]
    [InlineData("group_id")]
    [InlineData("organization_id")]
    [InlineData("assignee_id")]
    [InlineData("requester_id")]
    public async Task A_ticket_with_an_id_that_is_no_id_is_rejected_and_a_null_id_is_none(string field)
    {
        Stub.OnJson(ExportPath, ExportPage([
            Ticket(1, t => t[field] = "12a"),
            Ticket(2, t => t[field] = new JsonObject { ["id"] = 5 }),
            Ticket(3, t => t[field] = null),
            Ticket(4, t => t[field] = "98738")]));
        CreatedOnly(1, 2, 3, 4);
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Equal(["3", "4"], page.Tickets.Select(t => t.ExternalId));
        Assert.Equal(
            [("1", $"malformed ticket: '{field}' \"12a\" is not an id"), ("2", $"malformed ticket: '{field}' {{\"id\":5}} is not an id")],
            page.Rejected.Select(r => (r.ExternalId, r.Reason)));
    }

    [Fact]
    public async Task A_status_added_to_the_status_map_is_mapped()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(2, t => t["status"] = "escalated")]));
        CreatedOnly(2);
        var source = await SourceAsync(("StatusMap:escalated", "open"));

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Empty(page.Rejected);
        Assert.Equal((StatusCategory.Open, "escalated"), (page.Tickets[0].Fields.Status, page.Tickets[0].Fields.StatusName));
    }

    [Fact]
    public async Task An_unknown_status_in_the_history_rejects_the_ticket()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(4)]));
        Stub.OnJson(AuditsPath(4), AuditPage(
            CreationAudit(400),
            Audit(401, "2026-11-20T08:30:00Z", Agent, Change(4011, "status", "triage", "new")),
            Audit(402, "2026-11-20T08:40:00Z", Agent, Change(4021, "status", "open", "triage"))));
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Empty(page.Tickets);
        Assert.Contains("'triage'", Assert.Single(page.Rejected).Reason);
    }

    [Fact]
    public async Task Malformed_tickets_are_rejected_with_their_raw_json_and_the_page_goes_on()
    {
        var noId = new JsonObject { ["subject"] = "who am I", ["status"] = "open", ["created_at"] = "2026-11-20T08:00:00Z" };
        var badCreated = Ticket(3, t => t["created_at"] = "yesterday");
        var noCreated = Ticket(4, t => t.Remove("created_at"));
        var badUpdated = Ticket(5, t => t["updated_at"] = "2026-13-45T99:00:00Z");
        var badGroup = Ticket(6, t => t["group_id"] = "the servicedesk");
        JsonNode notAnObject = JsonValue.Create("ticket 7")!;
        Stub.OnJson(ExportPath, ExportPage([Ticket(1), noId, badCreated, noCreated, badUpdated, badGroup, notAnObject]));
        CreatedOnly(1);
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Equal("1", Assert.Single(page.Tickets).ExternalId);
        Assert.Equal([null, "3", "4", "5", "6", null], page.Rejected.Select(r => r.ExternalId));
        Assert.All(page.Rejected, r => Assert.StartsWith("malformed ticket: ", r.Reason));
        Assert.Contains("no numeric 'id'", page.Rejected[0].Reason);
        Assert.Contains("\"yesterday\"", page.Rejected[1].Reason);
        Assert.Contains("no 'created_at'", page.Rejected[2].Reason);
        Assert.Contains("'updated_at'", page.Rejected[3].Reason);
        Assert.Contains("'group_id'", page.Rejected[4].Reason);
        Assert.True(JsonNode.DeepEquals(badCreated, JsonNode.Parse(page.Rejected[1].RawPayload)));
        Assert.Equal("\"ticket 7\"", page.Rejected[5].RawPayload);
        Assert.Single(Stub.Requests, r => r.Path.EndsWith("/audits.json"));
    }

    [Fact]
    public async Task A_ticket_whose_audits_are_gone_is_rejected_and_the_others_are_mapped()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1), Ticket(2)]));
        CreatedOnly(1); // ticket 2's audits: the stub answers 404

        var page = await (await SourceAsync()).ReadChangesAsync(null, Ct);

        Assert.Equal("1", Assert.Single(page.Tickets).ExternalId);
        var rejected = Assert.Single(page.Rejected);
        Assert.Equal("2", rejected.ExternalId);
        Assert.Contains("404", rejected.Reason);
    }
}
