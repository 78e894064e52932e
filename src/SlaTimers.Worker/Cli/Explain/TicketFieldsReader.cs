using System.Text.Json;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>
/// Reads the <c>fields</c> of a ticket file (the ticket's current values, or a created event's initial
/// ones) and the value of a <c>fieldChanged</c> event: strings or null, tags also as an array.
/// </summary>
internal static class TicketFieldsReader
{
    public const string ExpectedNames = "priority, type, group, assignee, organization, channel, tags or custom.<name>";

    /// <summary>The fields object as (name, value) pairs in file order; a null value clears the field.</summary>
    public static List<(string Field, string? Value)> Read(TicketJson json, JsonElement fields, string path)
    {
        var result = new List<(string, string?)>();
        if (!json.IsObject(fields, path, $"an object of field values such as {{ \"priority\": \"P2\", \"tags\": [\"vip\"] }}")) return result;
        foreach (var property in fields.EnumerateObject())
        {
            var at = TicketJson.Property(path, property.Name);
            if (!IsKnownName(json, property.Name, at)) continue;
            if (TryReadValue(json, property.Name, property.Value, at, out var value)) result.Add((property.Name, value));
        }
        return result;
    }

    /// <summary>True when <paramref name="field"/> names a ticket field; otherwise reports what the names are.</summary>
    public static bool IsKnownName(TicketJson json, string field, string path)
    {
        if (TicketFieldNames.IsKnown(field)) return true;
        var hint = field is "status" or "statusName" ? " (the status is set by 'status' and 'statusName', not as a field)" : "";
        json.Report(path, $"unknown field '{field}': expected {ExpectedNames}{hint}");
        return false;
    }

    /// <summary>A field value: a string, null (clears the field), or for tags an array of tags.</summary>
    public static bool TryReadValue(TicketJson json, string field, JsonElement value, string path, out string? text)
    {
        text = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                text = value.GetString();
                return true;
            case JsonValueKind.Array when field == TicketFieldNames.Tags:
                return TryReadTags(json, value, path, out text);
            default:
                var expected = field == TicketFieldNames.Tags
                    ? "an array of tags such as [\"vip\", \"major-incident\"], a comma-separated string, or null"
                    : "a string, or null to clear the field";
                json.Report(path, $"expected {expected}, not {TicketJson.Describe(value)}");
                return false;
        }
    }

    private static bool TryReadTags(TicketJson json, JsonElement array, string path, out string? text)
    {
        var tags = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = TicketJson.Item(path, index++);
            var tag = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(tag) || tag.IndexOfAny([',', ' ']) >= 0)
            {
                json.Report(at, $"expected a tag: a non-empty string without commas or spaces, not {TicketJson.Describe(item)}");
                continue;
            }
            tags.Add(tag);
        }
        text = string.Join(",", tags);
        return true;
    }
}
