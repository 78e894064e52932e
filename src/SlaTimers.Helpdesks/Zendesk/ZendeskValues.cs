using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>Reading Zendesk's loosely typed values: ids as numbers or strings, tags as arrays or strings, timestamps.</summary>
internal static class ZendeskValues
{
    private static readonly IPattern<OffsetDateTime>[] TimestampPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        // Older audit payloads: "2011/09/25 22:35:44 -0700".
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'/'MM'/'dd HH':'mm':'ss o<+HHmm>"),
    ];

    public static bool TryParseTimestamp(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (TryParseUtcSeconds(text, out instant)) return true;
        foreach (var pattern in TimestampPatterns)
        {
            if (pattern.Parse(text) is { Success: true } result)
            {
                instant = result.Value.ToInstant();
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The form Zendesk writes every timestamp in, <c>yyyy-MM-ddTHH:mm:ssZ</c>, read digit by digit: a backfill
    /// reads a dozen timestamps per ticket, and the general pattern costs about a microsecond each. False for
    /// anything else — another form, or a date or time that does not exist — which the patterns then decide, as
    /// they always did.
    /// </summary>
    internal static bool TryParseUtcSeconds(string text, out Instant instant)
    {
        instant = default;
        if (text is not [_, _, _, _, '-', _, _, '-', _, _, 'T', _, _, ':', _, _, ':', _, _, 'Z']) return false;
        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }
        // Year 0 is valid for the pattern (1 BC) but not for DateTime.DaysInMonth: left to the pattern.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        instant = Instant.FromUtc(year, month, day, hour, minute, second);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return false;
            value = value * 10 + (text[i] - '0');
        }
        return true;
    }

    /// <summary>A value as text: strings as they are (empty → null), numbers and booleans as written, arrays comma-joined.</summary>
    public static string? Text(JsonElement? value)
    {
        if (value is not { } v) return null;
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                return v.GetString() is { Length: > 0 } s ? s : null;
            case JsonValueKind.Number:
                return v.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Array:
                var items = v.EnumerateArray().Select(item => Text(item)).OfType<string>().ToList();
                return items.Count == 0 ? null : string.Join(",", items);
            default:
                return null;
        }
    }

    /// <summary>An id written as a number or a string of digits; null for null, absent or anything else.</summary>
    public static long? Id(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var id) => id,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
        _ => null,
    };

    /// <summary>Tags as an array of strings, or one space-separated string (as some audit events carry them).</summary>
    public static IEnumerable<string> Tags(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Array } v => v.EnumerateArray().Select(item => Text(item)).OfType<string>(),
        { ValueKind: JsonValueKind.String } v => (v.GetString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    /// <summary>An audit value as text, the same way as <see cref="Text(JsonElement?)"/>.</summary>
    public static string? Text(ZendeskValue? value) => value?.Kind switch
    {
        JsonValueKind.String => value.Scalar is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.Scalar,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => value.Items!.Select(Text).OfType<string>().ToList() is { Count: > 0 } items ? string.Join(",", items) : null,
        _ => null,
    };

    /// <summary>An audit value as an id, the same way as <see cref="Id(JsonElement?)"/>.</summary>
    public static long? Id(ZendeskValue? value) =>
        value is { Kind: JsonValueKind.Number or JsonValueKind.String, Scalar: { } text }
        && long.TryParse(text, value.Kind == JsonValueKind.Number ? NumberStyles.AllowLeadingSign : NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>An audit value as tags, the same way as <see cref="Tags(JsonElement?)"/>.</summary>
    public static IEnumerable<string> Tags(ZendeskValue? value) => value?.Kind switch
    {
        JsonValueKind.Array => value.Items!.Select(Text).OfType<string>(),
        JsonValueKind.String => (value.Scalar ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        _ => [],
    };

    public static JsonElement? Property(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
