using System.Text.Json.Nodes;
using NodaTime;
using SlaTimers.Core.Tickets;
using SlaTimers.Testing.Zendesk;
using static SlaTimers.Testing.Zendesk.ZendeskJson;
using static SlaTimers.Testing.Zendesk.StubUsers;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

public class ZendeskTimelineTests : ZendeskTestBase
{
    private const long Frontoffice = 98700;
    private const long OldCustomer = 509900;

    private static Instant At(int hour, int minute) => Instant.FromUtc(2026, 11, 20, hour, minute);

    /// <summary>
    /// Created in group Frontoffice of "Gemeente Oud" (names only the group list and organization lookup know),
    /// taken by the Servicedesk with a public reply, raised to urgent and moved to Gemeente Voorbeeld with an
    /// internal note, answered by the customer, then set pending with a reply and a tag.
    /// </summary>
    private void ScriptTicketOne()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(1, t =>
        {
            t["status"] = "pending";
            t["tags"] = new JsonArray("enterprise", "vip");
        })]));
        Stub.OnJson(AuditsPath(1), AuditPage(
            Audit(1001, "2026-11-20T08:00:00Z", Requester,
                Create(11, "status", "new"),
                Create(12, "priority", "normal"),
                Create(13, "type", "incident"),
                Create(14, "group_id", Frontoffice),
                Create(15, "organization_id", OldCustomer),
                Create(16, "tags", new JsonArray("enterprise")),
                Create(17, "27642", "745"),
                Create(18, "subject", "Printer is on fire"),
                Comment(19, Requester)),
            Audit(1002, "2026-11-20T08:10:00Z", Agent,
                Change(21, "group_id", Servicedesk, Frontoffice),
                Change(22, "assignee_id", Agent, null),
                Change(23, "status", "open", "new"),
                Comment(24, Agent),
                Notification(25)),
            Audit(1003, "2026-11-20T08:20:00Z", Agent,
                Change(31, "priority", "urgent", "normal"),
                Change(32, "organization_id", Customer.ToString(), OldCustomer.ToString()),
                Comment(33, Agent, isPublic: false)),
            Audit(1004, "2026-11-20T09:00:00Z", Requester,
                Comment(41, Requester)),
            Audit(1005, "2026-11-20T09:30:00Z", Agent,
                Change(51, "status", "pending", "open"),
                Comment(52, Agent),
                Change(53, "tags", new JsonArray("enterprise", "vip"), new JsonArray("enterprise")))));
        Stub.OnJson(GroupsPath, """
            {"groups":[{"id":98700,"name":"Frontoffice"},{"id":98738,"name":"Servicedesk"}],"meta":{"has_more":false,"after_cursor":null}}
            """);
        Stub.OnJson(OrganizationsPath, """{"organizations":[{"id":509900,"name":"Gemeente Oud"}]}""");
    }

    [Fact]
    public async Task Audits_become_a_timeline_with_initial_fields_changes_replies_and_messages()
    {
        ScriptTicketOne();
        var source = await SourceAsync(("CustomFields:27642", "product"));

        var page = await source.ReadChangesAsync(null, Ct);

        var ticket = Assert.Single(page.Tickets);
        Assert.Empty(page.Rejected);
        var created = ticket.Timeline[0];
        Assert.Equal(TicketEventKind.Created, created.Kind);
        Assert.Equal("1001.created", created.Id);
        Assert.Equal(At(8, 0), created.At);
        Assert.Equal(StatusCategory.New, created.Status);
        Assert.Equal(new Dictionary<string, string>
        {
            ["priority"] = "P3", ["type"] = "incident", ["group"] = "Frontoffice", ["organization"] = "Gemeente Oud",
            ["tags"] = "enterprise", ["custom.product"] = "745", ["channel"] = "web",
        }, created.Fields!.OrderBy(f => f.Key).ToDictionary());

        Assert.Equal(
        [
            ("1002.21", At(8, 10), TicketEventKind.FieldChanged, "group=Servicedesk"),
            ("1002.22", At(8, 10), TicketEventKind.FieldChanged, "assignee=zendesk:235323"),
            ("1002.24", At(8, 10), TicketEventKind.AgentReply, ""),
            ("1002.status", At(8, 10), TicketEventKind.StatusChanged, "Open/open"),
            ("1003.31", At(8, 20), TicketEventKind.FieldChanged, "priority=P1"),
            ("1003.32", At(8, 20), TicketEventKind.FieldChanged, "organization=Gemeente Voorbeeld"),
            ("1004.41", At(9, 0), TicketEventKind.CustomerMessage, ""),
            ("1005.53", At(9, 30), TicketEventKind.FieldChanged, "tags=enterprise,vip"),
            ("1005.52", At(9, 30), TicketEventKind.AgentReply, ""),
            ("1005.status", At(9, 30), TicketEventKind.StatusChanged, "Pending/pending"),
        ], ticket.Timeline.Skip(1).Select(Describe));
    }

    [Fact]
    public async Task The_ticket_carries_its_current_fields_link_requester_and_display_id()
    {
        ScriptTicketOne();
        var source = await SourceAsync(("CustomFields:27642", "product"));

        var ticket = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        Assert.Equal("zd", ticket.Source);
        Assert.Equal("ZD-1", ticket.DisplayId);
        Assert.Equal($"{Stub.BaseUrl.ToString().TrimEnd('/')}/agent/tickets/1", ticket.Link);
        Assert.Equal("Annelies Mulder", ticket.Requester);
        Assert.Equal("Printer 1 is on fire", ticket.Subject);
        Assert.Equal(At(8, 0), ticket.Created);
        var fields = ticket.Fields;
        Assert.Equal(("P1", "incident", "Servicedesk", "Gemeente Voorbeeld", "zendesk:235323", "web"),
            (fields.Priority, fields.Type, fields.Group, fields.Organization, fields.Assignee, fields.Channel));
        Assert.Equal((StatusCategory.Pending, "pending"), (fields.Status, fields.StatusName));
        Assert.Equal(["enterprise", "vip"], fields.Tags.Order());
        Assert.Equal("745", fields.Custom["product"]);
    }

    [Fact]
    public async Task Replaying_the_timeline_ends_in_the_ticket_s_current_state()
    {
        ScriptTicketOne();
        var source = await SourceAsync(("CustomFields:27642", "product"));

        var ticket = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        var events = TimelineReplay.Normalize(ticket);
        var fields = TimelineReplay.InitialFields(ticket, events[0]);
        foreach (var e in events.Skip(1)) fields = TimelineReplay.Apply(fields, e);
        var current = ticket.Fields;
        Assert.Equal(
            (current.Priority, current.Type, current.Group, current.Organization, current.Assignee, current.Channel, current.Status, current.StatusName),
            (fields.Priority, fields.Type, fields.Group, fields.Organization, fields.Assignee, fields.Channel, fields.Status, fields.StatusName));
        Assert.True(current.Tags.SetEquals(fields.Tags));
        Assert.Equal(current.Custom.OrderBy(c => c.Key), fields.Custom.OrderBy(c => c.Key));
    }

    [Fact]
    public async Task Reading_the_same_ticket_again_gives_the_same_event_ids_and_looks_names_up_once()
    {
        ScriptTicketOne();
        var source = await SourceAsync();

        var first = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);
        var again = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        Assert.Equal(first.Timeline.Select(Describe), again.Timeline.Select(Describe));
        Assert.Single(Stub.RequestsTo(GroupsPath));
        Assert.Equal("509900", Assert.Single(Stub.RequestsTo(OrganizationsPath))["ids"]);
        Assert.Equal(2, Stub.RequestsTo(AuditsPath(1)).Count);
    }

    [Fact]
    public async Task The_first_reply_comes_from_the_ticket_metrics_when_the_audits_show_none()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(7), Ticket(8)], sideloads: page => page["metric_sets"] = new JsonArray(
            new JsonObject { ["ticket_id"] = 7, ["replies"] = 1, ["reply_time_in_minutes"] = new JsonObject { ["calendar"] = 12, ["business"] = 12 } },
            new JsonObject { ["ticket_id"] = 8, ["replies"] = 1, ["reply_time_in_minutes"] = new JsonObject { ["calendar"] = 30, ["business"] = 30 } })));
        CreatedOnly(7);
        Stub.OnJson(AuditsPath(8), AuditPage(CreationAudit(800), Audit(801, "2026-11-20T08:05:00Z", Agent, Comment(8011, Agent))));
        var source = await SourceAsync();

        var page = await source.ReadChangesAsync(null, Ct);

        var fromMetrics = Assert.Single(page.Tickets.Single(t => t.ExternalId == "7").Timeline, e => e.Kind == TicketEventKind.AgentReply);
        Assert.Equal(("metrics.first-reply", At(8, 12)), (fromMetrics.Id, fromMetrics.At));
        var fromAudits = Assert.Single(page.Tickets.Single(t => t.ExternalId == "8").Timeline, e => e.Kind == TicketEventKind.AgentReply);
        Assert.Equal(("801.8011", At(8, 5)), (fromAudits.Id, fromAudits.At));
    }

    [Fact]
    public async Task A_custom_status_is_named_by_its_label_and_mapped_by_its_category()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(9, t =>
        {
            t["status"] = "hold";
            t["custom_status_id"] = 555;
        })], sideloads: page => page["custom_statuses"] = new JsonArray(
            new JsonObject { ["id"] = 555, ["agent_label"] = "Wacht op leverancier", ["status_category"] = "hold" })));
        Stub.OnJson(AuditsPath(9), AuditPage(
            CreationAudit(900),
            Audit(901, "2026-11-20T08:30:00Z", Agent, Change(9011, "status", "hold", "new"), Change(9012, "custom_status_id", 555, null))));
        var source = await SourceAsync();

        var ticket = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        Assert.Equal((StatusCategory.OnHold, "Wacht op leverancier"), (ticket.Fields.Status, ticket.Fields.StatusName));
        var change = Assert.Single(ticket.Timeline, e => e.Kind == TicketEventKind.StatusChanged);
        Assert.Equal(("901.status", StatusCategory.OnHold, "Wacht op leverancier"), (change.Id, change.Status, change.StatusName));
    }

    [Fact]
    public async Task A_deleted_ticket_gets_a_deleted_event_and_its_audits_are_not_asked_for()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(5, t => t["status"] = "deleted")]));
        var source = await SourceAsync();

        var ticket = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        var deleted = Assert.Single(ticket.Timeline);
        Assert.Equal((TicketEventKind.Deleted, At(10, 0), "deleted"), (deleted.Kind, deleted.At, deleted.Id));
        Assert.Empty(Stub.RequestsTo(AuditsPath(5)));
    }

    [Fact]
    public async Task A_merged_ticket_gets_a_merged_event_where_the_merge_tag_arrived_and_its_merge_note_is_no_reply()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(6, t =>
        {
            t["status"] = "closed";
            t["tags"] = new JsonArray("enterprise", "closed_by_merge");
        })]));
        Stub.OnJson(AuditsPath(6), AuditPage(
            CreationAudit(600),
            Audit(601, "2026-11-20T08:30:00Z", Agent,
                Change(6011, "status", "closed", "new"),
                Change(6012, "tags", new JsonArray("enterprise", "closed_by_merge"), new JsonArray("enterprise")),
                Comment(6013, Agent))));
        var source = await SourceAsync();

        var ticket = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        var merged = Assert.Single(ticket.Timeline, e => e.Kind == TicketEventKind.Merged);
        Assert.Equal(("601.merged", At(8, 30)), (merged.Id, merged.At));
        Assert.DoesNotContain(ticket.Timeline, e => e.Kind == TicketEventKind.AgentReply);
        Assert.Equal(StatusCategory.Closed, ticket.Fields.Status);
    }

    [Fact]
    public async Task Custom_fields_are_named_by_configuration_or_their_id_and_only_numeric_field_names_are_custom()
    {
        Stub.OnJson(ExportPath, ExportPage([Ticket(3, t => t["custom_fields"] = new JsonArray(
            new JsonObject { ["id"] = 27642, ["value"] = "745" },
            new JsonObject { ["id"] = 360001, ["value"] = null },
            new JsonObject { ["id"] = 360002, ["value"] = "x" }))]));
        Stub.OnJson(AuditsPath(3), AuditPage(
            CreationAudit(300),
            Audit(301, "2026-11-20T08:30:00Z", Agent,
                Change(3011, "360002", "y", "x"),
                Change(3012, "36000a", "z"),
                Change(3013, "27642", "746", "745"),
                Change(3014, "360001", null, "w"))));
        var source = await SourceAsync(("CustomFields:27642", "product"));

        var ticket = Assert.Single((await source.ReadChangesAsync(null, Ct)).Tickets);

        Assert.Equal(
            [new("360002", "x"), new("product", "745")],
            ticket.Fields.Custom.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.True(ticket.Fields.Custom.ContainsKey("PRODUCT"));
        Assert.Equal(
            [("301.3011", "custom.360002=y"), ("301.3013", "custom.product=746"), ("301.3014", "custom.360001=")],
            ticket.Timeline.Where(e => e.Id!.StartsWith("301.")).Select(e => (e.Id, Describe(e).Item4)));
    }

    private static (string?, Instant, TicketEventKind, string) Describe(TicketEvent e) => (e.Id, e.At, e.Kind, e.Kind switch
    {
        TicketEventKind.FieldChanged => $"{e.Field}={e.Value}",
        TicketEventKind.StatusChanged or TicketEventKind.Created => $"{e.Status}/{e.StatusName}",
        _ => "",
    });
}
