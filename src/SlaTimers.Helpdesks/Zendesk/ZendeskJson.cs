using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlaTimers.Helpdesks.Zendesk;

// The response shapes we read (helpdesk-apis.md §1). Tickets stay raw JSON elements: each is read on its own,
// so one malformed ticket is quarantined with its payload while the rest of the page goes on.

/// <summary><c>GET /api/v2/incremental/tickets/cursor.json</c> with the sideloads we ask for.</summary>
internal sealed class ZendeskTicketExportPage
{
    [JsonPropertyName("tickets")] public List<JsonElement>? Tickets { get; set; }
    [JsonPropertyName("after_cursor")] public string? AfterCursor { get; set; }
    [JsonPropertyName("end_of_stream")] public bool? EndOfStream { get; set; }
    [JsonPropertyName("groups")] public List<ZendeskNamed>? Groups { get; set; }
    [JsonPropertyName("organizations")] public List<ZendeskNamed>? Organizations { get; set; }
    [JsonPropertyName("users")] public List<ZendeskUser>? Users { get; set; }
    [JsonPropertyName("custom_statuses")] public List<ZendeskCustomStatus>? CustomStatuses { get; set; }
    [JsonPropertyName("metric_sets")] public List<ZendeskMetricSet>? MetricSets { get; set; }
}

/// <summary><c>GET /api/v2/tickets/{id}/audits.json</c> (cursor pagination).</summary>
internal sealed class ZendeskAuditPage
{
    [JsonPropertyName("audits")] public List<ZendeskAudit>? Audits { get; set; }
    [JsonPropertyName("users")] public List<ZendeskUser>? Users { get; set; }
    [JsonPropertyName("meta")] public ZendeskPageMeta? Meta { get; set; }
}

internal sealed class ZendeskAudit
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; set; }
    [JsonPropertyName("author_id")] public long? AuthorId { get; set; }
    [JsonPropertyName("via")] public ZendeskVia? Via { get; set; }
    [JsonPropertyName("events")] public List<ZendeskAuditEvent>? Events { get; set; }
}

/// <summary>One child event of an audit: Create / Change (a field), Comment / VoiceComment, Notification, …</summary>
internal sealed class ZendeskAuditEvent
{
    [JsonPropertyName("id")] public long? Id { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("field_name")] public ZendeskValue? FieldName { get; set; }
    [JsonPropertyName("value")] public ZendeskValue? Value { get; set; }
    [JsonPropertyName("public")] public bool? Public { get; set; }
    [JsonPropertyName("author_id")] public long? AuthorId { get; set; }
}

internal sealed class ZendeskVia
{
    [JsonPropertyName("channel")] public ZendeskValue? Channel { get; set; }
}

internal sealed class ZendeskPageMeta
{
    [JsonPropertyName("has_more")] public bool HasMore { get; set; }
    [JsonPropertyName("after_cursor")] public string? AfterCursor { get; set; }
}

/// <summary>A group or an organization: id and name.</summary>
internal sealed class ZendeskNamed
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

internal sealed class ZendeskUser
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }

    /// <summary><c>end-user</c>, <c>agent</c> or <c>admin</c>.</summary>
    [JsonPropertyName("role")] public string? Role { get; set; }
}

internal sealed class ZendeskCustomStatus
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("agent_label")] public string? AgentLabel { get; set; }
    [JsonPropertyName("status_category")] public string? StatusCategory { get; set; }
}

internal sealed class ZendeskMetricSet
{
    [JsonPropertyName("ticket_id")] public long? TicketId { get; set; }
    [JsonPropertyName("replies")] public int? Replies { get; set; }
    [JsonPropertyName("reply_time_in_minutes")] public ZendeskDurationPair? ReplyTimeInMinutes { get; set; }
    [JsonPropertyName("reply_time_in_seconds")] public ZendeskDurationPair? ReplyTimeInSeconds { get; set; }
}

/// <summary>Zendesk's <c>{calendar, business}</c> duration pairs.</summary>
internal sealed class ZendeskDurationPair
{
    [JsonPropertyName("calendar")] public long? Calendar { get; set; }
    [JsonPropertyName("business")] public long? Business { get; set; }
}

internal sealed class ZendeskGroupPage
{
    [JsonPropertyName("groups")] public List<ZendeskNamed>? Groups { get; set; }
    [JsonPropertyName("meta")] public ZendeskPageMeta? Meta { get; set; }
}

internal sealed class ZendeskOrganizationList
{
    [JsonPropertyName("organizations")] public List<ZendeskNamed>? Organizations { get; set; }
}

/// <summary>Source-generated metadata: Refit runs with reflection-based JSON off.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ZendeskTicketExportPage))]
[JsonSerializable(typeof(ZendeskAuditPage))]
[JsonSerializable(typeof(ZendeskGroupPage))]
[JsonSerializable(typeof(ZendeskOrganizationList))]
[JsonSerializable(typeof(ZendeskMetricSet))]
internal sealed partial class ZendeskJsonContext : JsonSerializerContext;
