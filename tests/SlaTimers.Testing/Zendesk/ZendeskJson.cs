using System.Text.Json.Nodes;

using static SlaTimers.Testing.Zendesk.StubUsers;

namespace SlaTimers.Testing.Zendesk;

/// <summary>
/// The paths the stub serves, and response bodies in the documented Zendesk shapes (helpdesk-apis.md §1.2, §1.3,
/// §1.7) to script it with (<see cref="ZendeskStub.On(string, StubResponse[])"/>) where a test needs the exact JSON:
/// fields the <see cref="ZendeskAccount"/> does not model, or malformed ones.
/// </summary>
public static class ZendeskJson
{
    public const string ExportPath = "/api/v2/incremental/tickets/cursor.json";
    public const string GroupsPath = "/api/v2/groups.json";
    public const string OrganizationsPath = "/api/v2/organizations/show_many.json";

    internal const string TicketsPrefix = "/api/v2/tickets/";
    internal const string AuditsSuffix = "/audits.json";

    public const long Servicedesk = 98738;
    public const long Customer = 509974;

    public static string AuditsPath(long ticketId) => $"{TicketsPrefix}{ticketId}{AuditsSuffix}";

    /// <summary>An open ticket created 2026-11-20 08:00Z in group Servicedesk of Gemeente Voorbeeld; <paramref name="change"/> adjusts it.</summary>
    public static JsonObject Ticket(long id, Action<JsonObject>? change = null)
    {
        var ticket = new JsonObject
        {
            ["id"] = id,
            ["url"] = $"https://example.zendesk.com/api/v2/tickets/{id}.json",
            ["created_at"] = "2026-11-20T08:00:00Z",
            ["updated_at"] = "2026-11-20T10:00:00Z",
            ["generated_timestamp"] = 1795600000,
            ["status"] = "open",
            ["priority"] = "urgent",
            ["type"] = "incident",
            ["assignee_id"] = Agent,
            ["group_id"] = Servicedesk,
            ["organization_id"] = Customer,
            ["requester_id"] = Requester,
            ["submitter_id"] = Requester,
            ["tags"] = new JsonArray("enterprise"),
            ["custom_fields"] = new JsonArray(new JsonObject { ["id"] = 27642, ["value"] = "745" }),
            ["due_at"] = null,
            ["subject"] = $"Printer {id} is on fire",
            ["via"] = new JsonObject { ["channel"] = "web" },
        };
        change?.Invoke(ticket);
        return ticket;
    }

    public static string ExportPage(IEnumerable<JsonNode> tickets, string? afterCursor = "after-1", bool endOfStream = true, Action<JsonObject>? sideloads = null)
    {
        var page = new JsonObject
        {
            ["after_cursor"] = afterCursor,
            ["after_url"] = afterCursor is null ? null : $"https://example.zendesk.com{ExportPath}?cursor={afterCursor}",
            ["before_cursor"] = null,
            ["before_url"] = null,
            ["end_of_stream"] = endOfStream,
            ["tickets"] = new JsonArray([.. tickets.Select(t => t.DeepClone())]),
            ["groups"] = new JsonArray(new JsonObject { ["id"] = Servicedesk, ["name"] = "Servicedesk" }),
            ["organizations"] = new JsonArray(new JsonObject { ["id"] = Customer, ["name"] = "Gemeente Voorbeeld" }),
            ["users"] = new JsonArray([.. Everyone.Select(User)]),
        };
        sideloads?.Invoke(page);
        return page.ToJsonString();
    }

    public static JsonNode User(StubUser user) =>
        new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["email"] = user.Email, ["role"] = user.Role };

    public static string AuditPage(params JsonObject[] audits) => new JsonObject
    {
        ["audits"] = new JsonArray([.. audits]),
        ["meta"] = new JsonObject { ["has_more"] = false, ["after_cursor"] = null },
        ["links"] = new JsonObject { ["next"] = null },
    }.ToJsonString();

    public static JsonObject Audit(long id, string createdAt, long authorId, params JsonObject[] events) => new()
    {
        ["id"] = id,
        ["ticket_id"] = 0,
        ["created_at"] = createdAt,
        ["author_id"] = authorId,
        ["via"] = new JsonObject { ["channel"] = "web" },
        ["events"] = new JsonArray([.. events]),
    };

    public static JsonObject Create(long id, string field, JsonNode? value) =>
        new() { ["id"] = id, ["type"] = "Create", ["field_name"] = field, ["value"] = value };

    public static JsonObject Change(long id, string field, JsonNode? value, JsonNode? previous = null) =>
        new() { ["id"] = id, ["type"] = "Change", ["field_name"] = field, ["value"] = value, ["previous_value"] = previous };

    public static JsonObject Comment(long id, long authorId, bool isPublic = true) =>
        new() { ["id"] = id, ["type"] = "Comment", ["author_id"] = authorId, ["public"] = isPublic, ["body"] = "…", ["attachments"] = new JsonArray() };

    public static JsonObject Notification(long id) => new() { ["id"] = id, ["type"] = "Notification", ["subject"] = "Updated", ["body"] = "…" };

    /// <summary>The creating audit of <see cref="Ticket"/>: new, urgent, Servicedesk, the requester's description.</summary>
    public static JsonObject CreationAudit(long id = 1001) => Audit(id, "2026-11-20T08:00:00Z", Requester,
        Create(id * 10 + 1, "status", "new"),
        Create(id * 10 + 2, "priority", "urgent"),
        Create(id * 10 + 3, "type", "incident"),
        Create(id * 10 + 4, "group_id", Servicedesk),
        Create(id * 10 + 5, "organization_id", Customer),
        Create(id * 10 + 6, "tags", new JsonArray("enterprise")),
        Create(id * 10 + 7, "27642", "745"),
        Create(id * 10 + 8, "subject", "Printer is on fire"),
        Comment(id * 10 + 9, Requester));
}
