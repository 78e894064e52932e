using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// One loosely typed value of an audit event (<c>field_name</c>, <c>value</c>, <c>via.channel</c>): a string, a
/// number (kept as written), a boolean, an array of such values, or something else (an object, kept as
/// <see cref="JsonValueKind.Object"/> without its content). Read straight from the reader by
/// <see cref="ZendeskValueConverter"/>: a <see cref="JsonElement"/> property would copy every value into a
/// document of its own, and a ticket's audits carry dozens of them — that was a large part of the connector's
/// time per ticket.
/// </summary>
[JsonConverter(typeof(ZendeskValueConverter))]
internal sealed class ZendeskValue
{
    private static readonly ZendeskValue TrueValue = new(JsonValueKind.True, null, null);
    private static readonly ZendeskValue FalseValue = new(JsonValueKind.False, null, null);
    private static readonly ZendeskValue ObjectValue = new(JsonValueKind.Object, null, null);

    private ZendeskValue(JsonValueKind kind, string? scalar, ZendeskValue?[]? items)
    {
        Kind = kind;
        Scalar = scalar;
        Items = items;
    }

    public JsonValueKind Kind { get; }

    /// <summary>A string's text, or a number as written; null for other kinds.</summary>
    public string? Scalar { get; }

    /// <summary>An array's items (a JSON null item is null); null for other kinds.</summary>
    public IReadOnlyList<ZendeskValue?>? Items { get; }

    public static ZendeskValue String(string text) => new(JsonValueKind.String, text, null);

    public static ZendeskValue Number(string written) => new(JsonValueKind.Number, written, null);

    public static ZendeskValue Boolean(bool value) => value ? TrueValue : FalseValue;

    public static ZendeskValue Array(ZendeskValue?[] items) => new(JsonValueKind.Array, null, items);

    /// <summary>An object: no audit value we read is one, so only its kind is kept.</summary>
    public static ZendeskValue Object => ObjectValue;

    public override string ToString() => Kind switch
    {
        JsonValueKind.String => JsonSerializer.Serialize(Scalar),
        JsonValueKind.Number => Scalar!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => $"[{string.Join(",", Items!.Select(i => i?.ToString() ?? "null"))}]",
        _ => "{…}",
    };
}

/// <summary>Reads a <see cref="ZendeskValue"/> token by token (JSON null is handled by the serializer: a null property).</summary>
internal sealed class ZendeskValueConverter : JsonConverter<ZendeskValue>
{
    public override ZendeskValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ZendeskValue.String(reader.GetString()!);
            case JsonTokenType.Number:
                return ZendeskValue.Number(Encoding.UTF8.GetString(reader.HasValueSequence ? BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan));
            case JsonTokenType.True:
                return ZendeskValue.Boolean(true);
            case JsonTokenType.False:
                return ZendeskValue.Boolean(false);
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var items = new List<ZendeskValue?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Read(ref reader, typeToConvert, options));
                return ZendeskValue.Array([.. items]);
            case JsonTokenType.StartObject:
                reader.Skip();
                return ZendeskValue.Object;
            default:
                throw new JsonException($"unexpected {reader.TokenType} where a value was expected");
        }
    }

    public override void Write(Utf8JsonWriter writer, ZendeskValue value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Zendesk values are only read.");
}
