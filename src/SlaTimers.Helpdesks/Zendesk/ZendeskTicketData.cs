using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>One ticket of an export page, read and checked; <see cref="Raw"/> is its payload for quarantine.</summary>
internal sealed record ZendeskTicketData
{
    public const string DeletedStatus = "deleted";
    public const string MergedTag = "closed_by_merge";

    public required long Id { get; init; }
    public required Instant CreatedAt { get; init; }
    public Instant? UpdatedAt { get; init; }
    public required string Status { get; init; }
    public long? CustomStatusId { get; init; }
    public string? Priority { get; init; }
    public string? Type { get; init; }
    public long? GroupId { get; init; }
    public long? OrganizationId { get; init; }
    public long? AssigneeId { get; init; }
    public long? RequesterId { get; init; }
    public ImmutableArray<string> Tags { get; init; } = [];
    public ImmutableArray<(string FieldId, string? Value)> CustomFields { get; init; } = [];
    public string Subject { get; init; } = "";
    public string? Channel { get; init; }
    public ZendeskMetricSet? MetricSet { get; init; }
    /// <summary>The exported ticket as it came; its text (<see cref="Raw"/>) is made only when it is quarantined.</summary>
    public required JsonElement Json { get; init; }

    public string Raw => Json.GetRawText();

    public string ExternalId => Id.ToString(CultureInfo.InvariantCulture);

    public bool IsDeleted => string.Equals(Status, DeletedStatus, StringComparison.OrdinalIgnoreCase);

    public bool IsMerged => string.Equals(Status, "closed", StringComparison.OrdinalIgnoreCase)
                            && Tags.Contains(MergedTag, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads one exported ticket; on a malformed one, says why (and its id, when it has one).</summary>
    public static bool TryRead(JsonElement json, out ZendeskTicketData? ticket, out string? externalId, out string? problem)
    {
        ticket = null;
        externalId = null;
        problem = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = $"a ticket must be a JSON object, not {json.ValueKind}";
            return false;
        }
        if (ZendeskValues.Property(json, "id") is not { ValueKind: JsonValueKind.Number } idValue || !idValue.TryGetInt64(out var id))
        {
            problem = "the ticket has no numeric 'id'";
            return false;
        }
        externalId = id.ToString(CultureInfo.InvariantCulture);
        var created = ZendeskValues.Property(json, "created_at");
        if (created is not { ValueKind: JsonValueKind.String } || !ZendeskValues.TryParseTimestamp(created.Value.GetString(), out var createdAt))
        {
            problem = created is null
                ? "the ticket has no 'created_at'"
                : $"'created_at' {created.Value.GetRawText()} is not an ISO-8601 timestamp";
            return false;
        }
        Instant? updatedAt = null;
        if (ZendeskValues.Property(json, "updated_at") is { } updated)
        {
            if (updated.ValueKind != JsonValueKind.String || !ZendeskValues.TryParseTimestamp(updated.GetString(), out var u))
            {
                problem = $"'updated_at' {updated.GetRawText()} is not an ISO-8601 timestamp";
                return false;
            }
            updatedAt = u;
        }
        if (ZendeskValues.Property(json, "status") is not { ValueKind: JsonValueKind.String } statusValue || statusValue.GetString() is not { Length: > 0 } status)
        {
            problem = "the ticket has no 'status'";
            return false;
        }
        var tags = ZendeskValues.Property(json, "tags");
        if (tags is { ValueKind: not JsonValueKind.Array })
        {
            problem = "'tags' is not an array";
            return false;
        }
        if (!TryReadId(json, "custom_status_id", out var customStatusId, out problem)
            || !TryReadId(json, "group_id", out var groupId, out problem)
            || !TryReadId(json, "organization_id", out var organizationId, out problem)
            || !TryReadId(json, "assignee_id", out var assigneeId, out problem)
            || !TryReadId(json, "requester_id", out var requesterId, out problem))
        {
            return false;
        }

        ticket = new ZendeskTicketData
        {
            Id = id,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Status = status,
            CustomStatusId = customStatusId,
            Priority = ZendeskValues.Text(ZendeskValues.Property(json, "priority")),
            Type = ZendeskValues.Text(ZendeskValues.Property(json, "type")),
            GroupId = groupId,
            OrganizationId = organizationId,
            AssigneeId = assigneeId,
            RequesterId = requesterId,
            Tags = [.. ZendeskValues.Tags(tags)],
            CustomFields = ReadCustomFields(json),
            Subject = ZendeskValues.Text(ZendeskValues.Property(json, "subject")) ?? "",
            Channel = ZendeskValues.Property(json, "via") is { } via ? ZendeskValues.Text(ZendeskValues.Property(via, "channel")) : null,
            MetricSet = ReadMetricSet(json),
            Json = json,
        };
        return true;
    }

    /// <summary>An optional id: absent or null is none, anything but an id is a problem.</summary>
    private static bool TryReadId(JsonElement json, string name, out long? id, out string? problem)
    {
        problem = null;
        var value = ZendeskValues.Property(json, name);
        id = ZendeskValues.Id(value);
        if (value is not null && id is null)
        {
            problem = $"'{name}' {value.Value.GetRawText()} is not an id";
            return false;
        }
        return true;
    }

    private static ImmutableArray<(string, string?)> ReadCustomFields(JsonElement json)
    {
        if (ZendeskValues.Property(json, "custom_fields") is not { ValueKind: JsonValueKind.Array } fields) return [];
        var result = ImmutableArray.CreateBuilder<(string, string?)>();
        foreach (var field in fields.EnumerateArray())
        {
            if (ZendeskValues.Id(ZendeskValues.Property(field, "id")) is { } fieldId)
            {
                result.Add((fieldId.ToString(CultureInfo.InvariantCulture), ZendeskValues.Text(ZendeskValues.Property(field, "value"))));
            }
        }
        return result.ToImmutable();
    }

    private static ZendeskMetricSet? ReadMetricSet(JsonElement json)
    {
        if (ZendeskValues.Property(json, "metric_set") is not { ValueKind: JsonValueKind.Object } metricSet) return null;
        try
        {
            return metricSet.Deserialize(ZendeskJsonContext.Default.ZendeskMetricSet);
        }
        catch (JsonException)
        {
            return null; // only a fallback for the first reply; the audits are the timeline
        }
    }
}
