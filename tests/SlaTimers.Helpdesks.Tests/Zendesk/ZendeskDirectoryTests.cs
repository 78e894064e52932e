using System.Text.Json.Nodes;
using static SlaTimers.Testing.Zendesk.ZendeskJson;
using static SlaTimers.Testing.Zendesk.StubUsers;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>Which group and organization ids a page looks up: only those neither sideloaded nor looked up before.</summary>
public class ZendeskDirectoryTests : ZendeskTestBase
{
    [Fact]
    public async Task A_page_whose_ids_are_all_sideloaded_looks_nothing_up()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1), Ticket(2)]));
        CreatedOnly(1, 2);
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        Assert.Equal(2, page.Tickets.Length);
        Assert.Empty(Stub.RequestsTo(GroupsPath));
        Assert.Empty(Stub.RequestsTo(OrganizationsPath));
    }

    [Fact]
    public async Task Group_and_organization_ids_only_audits_mention_are_looked_up_once_each()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1), Ticket(2)]));
        Stub.OnJson(AuditsPath(1), AuditPage(
            CreationAudit(100),
            Audit(101, "2026-11-20T08:10:00Z", Agent,
                Change(1011, "organization_id", "509900", Customer),
                Change(1012, "group_id", 98700, Servicedesk),
                Change(1013, "assignee_id", 509903, null)),
            Audit(102, "2026-11-20T08:20:00Z", Agent,
                Change(1021, "organization_id", 509901, 509900),
                Change(1022, "organization_id", null, 509901))));
        Stub.OnJson(AuditsPath(2), AuditPage(
            CreationAudit(200),
            Audit(201, "2026-11-20T08:30:00Z", Agent,
                Change(2011, "organization_id", 509900, Customer),
                Change(2012, "organization_id", 509902, 509900),
                Change(2013, "group_id", 98701, Servicedesk))));
        Stub.OnJson(GroupsPath, """
            {"groups":[{"id":98700,"name":"Frontoffice"},{"id":98701,"name":"Backoffice"}],"meta":{"has_more":false,"after_cursor":null}}
            """);
        Stub.OnJson(OrganizationsPath, """{"organizations":[{"id":509900,"name":"Gemeente Oud"},{"id":509901,"name":"Gemeente Nieuw"}]}""");
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);
        await source.ReadChangesAsync(null, Ct);

        Assert.Empty(page.Rejected);
        Assert.Single(Stub.RequestsTo(GroupsPath));
        var lookup = Assert.Single(Stub.RequestsTo(OrganizationsPath));
        Assert.Equal(["509900", "509901", "509902"], lookup["ids"]!.Split(',').Order());
        var ticket = page.Tickets.Single(t => t.ExternalId == "1");
        Assert.Contains(ticket.Timeline, e => e.Field == "organization" && e.Value == "Gemeente Nieuw");
        Assert.Contains(ticket.Timeline, e => e.Field == "group" && e.Value == "Frontoffice");
    }
}
