using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>
/// Reads one event of a ticket file's <c>timeline</c>. The event names are the helpdesk words people
/// use (<c>priorityChanged</c>, <c>solved</c>); each maps onto one <see cref="TicketEvent"/> of the Core.
/// </summary>
internal static class TicketEventReader
{
    private static readonly string[] Common = ["at", "event", "id", "note"];

    /// <summary>Each event name with the properties it takes besides <see cref="Common"/>.</summary>
    private static readonly Dictionary<string, string[]> Kinds = new(StringComparer.Ordinal)
    {
        ["created"] = ["fields", "status", "statusName"],
        ["statusChanged"] = ["status", "statusName"],
        ["priorityChanged"] = ["value"],
        ["groupAssigned"] = ["value"],
        ["agentAssigned"] = ["value"],
        ["fieldChanged"] = ["field", "value"],
        ["agentReply"] = [],
        ["customerMessage"] = [],
        ["solved"] = ["statusName"],
        ["reopened"] = ["statusName"],
        ["merged"] = [],
        ["deleted"] = [],
    };

    public static string KindNames => string.Join(", ", Kinds.Keys);

    /// <summary>The event, or null after reporting what is wrong with it.</summary>
    public static TicketEvent? Read(TicketJson json, JsonElement element, string path)
    {
        if (!json.IsObject(element, path, "an event object such as { \"at\": \"2026-11-23T08:00:00Z\", \"event\": \"agentReply\" }"))
        {
            return null;
        }
        var kind = json.String(element, path, "event", $"the kind of event: one of {KindNames}", required: true);
        var at = json.Instant(element, path, "at", "when it happened", required: true);
        var id = json.String(element, path, "id", "the helpdesk's id of the event (a string)");
        json.String(element, path, "note", "a note for people (a string)");
        if (kind is null) return null;
        if (!Kinds.TryGetValue(kind, out var own))
        {
            json.Report(TicketJson.Property(path, "event"), $"unknown event '{kind}': expected one of {KindNames}");
            return null;
        }
        var problemsBefore = json.Problems.Count;
        json.RejectUnknown(element, path, [.. Common, .. own], $"for event '{kind}'");
        var ticketEvent = at is { } instant ? Create(json, element, path, kind, instant, id) : null;
        return json.Problems.Count == problemsBefore ? ticketEvent : null;
    }

    private static TicketEvent? Create(TicketJson json, JsonElement e, string path, string kind, Instant at, string? id) => kind switch
    {
        "created" => Created(json, e, path, at, id),
        "statusChanged" => Status(json, e, path, required: true) is { } status
            ? TicketEvent.StatusChange(at, status, StatusName(json, e, path), id)
            : null,
        "priorityChanged" => FieldChange(json, e, path, at, id, TicketFieldNames.Priority),
        "groupAssigned" => FieldChange(json, e, path, at, id, TicketFieldNames.Group),
        "agentAssigned" => FieldChange(json, e, path, at, id, TicketFieldNames.Assignee),
        "fieldChanged" => json.String(e, path, "field", $"the field's name: {TicketFieldsReader.ExpectedNames}", required: true) is { } field
            && TicketFieldsReader.IsKnownName(json, field, TicketJson.Property(path, "field"))
            ? FieldChange(json, e, path, at, id, field)
            : null,
        "agentReply" => TicketEvent.Reply(at, id),
        "customerMessage" => TicketEvent.CustomerWrote(at, id),
        "solved" => TicketEvent.StatusChange(at, StatusCategory.Solved, StatusName(json, e, path), id),
        "reopened" => TicketEvent.StatusChange(at, StatusCategory.Open, StatusName(json, e, path), id),
        "merged" => TicketEvent.Merge(at, id),
        _ => TicketEvent.Delete(at, id),
    };

    /// <summary>A created event: the status the ticket started in (default new) and initial field values.</summary>
    private static TicketEvent Created(TicketJson json, JsonElement e, string path, Instant at, string? id)
    {
        var status = Status(json, e, path, required: false) ?? StatusCategory.New;
        var fields = e.TryGetProperty("fields", out var element)
            ? TicketFieldsReader.Read(json, element, TicketJson.Property(path, "fields"))
            : [];
        // An empty value clears a field when the fields are replayed, as null does in the file.
        var initial = fields.ToImmutableDictionary(f => f.Field, f => f.Value ?? "", StringComparer.Ordinal);
        return Created(at, status, StatusName(json, e, path), initial, id);
    }

    /// <summary>
    /// A created event that always names its status: without a name the Core would take the ticket's current
    /// status name (say "Waiting for customer") as the initial one, and a target pausing on it would pause
    /// from the start. The category's own name is the honest default.
    /// </summary>
    public static TicketEvent Created(Instant at, StatusCategory status, string? statusName, IReadOnlyDictionary<string, string>? fields, string? id) =>
        TicketEvent.Created(at, status, fields, id) with { StatusName = statusName ?? status.ToConfigName() };

    private static TicketEvent? FieldChange(TicketJson json, JsonElement e, string path, Instant at, string? id, string field)
    {
        var valuePath = TicketJson.Property(path, "value");
        if (!e.TryGetProperty("value", out var value))
        {
            json.Report(valuePath, $"missing: expected the new value of '{field}' (null clears it)");
            return null;
        }
        return TicketFieldsReader.TryReadValue(json, field, value, valuePath, out var text) ? TicketEvent.FieldChange(at, field, text, id) : null;
    }

    /// <summary>The <c>status</c> property: a status category.</summary>
    public static StatusCategory? Status(TicketJson json, JsonElement parent, string path, bool required)
    {
        var expected = $"a status: one of {StatusCategories.AllConfigNames} (the helpdesk's own name goes in statusName)";
        var text = json.String(parent, path, "status", expected, required);
        if (text is null) return null;
        if (StatusCategories.TryParse(text, out var status)) return status;
        json.Report(TicketJson.Property(path, "status"), $"'{text}' is not a status: expected one of {StatusCategories.AllConfigNames} "
            + "(the helpdesk's own name goes in statusName)");
        return null;
    }

    public static string? StatusName(TicketJson json, JsonElement parent, string path) =>
        json.String(parent, path, "statusName", "the helpdesk's own name of the status (a string)");
}
