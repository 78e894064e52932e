using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace SlaTimers.Storage.Serialization;

/// <summary>
/// Instants as ISO-8601 UTC text (<c>2026-03-02T09:05:00.25Z</c>), the same text NodaTime's extended ISO
/// pattern writes, but read and written through System.Text.Json's own date code, which is many times faster
/// than pattern parsing (timelines are read back on every sync). Sub-tick instants take NodaTime's pattern,
/// so no precision is lost.
/// </summary>
internal sealed class InstantJsonConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"An instant is ISO-8601 text, not {reader.TokenType}.");
        if (FractionDigits(reader.ValueSpan) <= 7 && reader.TryGetDateTimeOffset(out var value)) return Instant.FromDateTimeOffset(value);
        var text = reader.GetString()!;
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        return parsed.Success ? parsed.Value : throw new JsonException($"'{text}' is not an ISO-8601 instant.", parsed.Exception);
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options)
    {
        if (value >= DateTimeMin && value <= DateTimeMax && Instant.FromUnixTimeTicks(value.ToUnixTimeTicks()) == value)
        {
            writer.WriteStringValue(value.ToDateTimeUtc());
        }
        else
        {
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
        }
    }

    private static readonly Instant DateTimeMin = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));
    private static readonly Instant DateTimeMax = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc));

    private static int FractionDigits(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot < 0) return 0;
        var digits = 0;
        while (dot + 1 + digits < text.Length && char.IsAsciiDigit((char)text[dot + 1 + digits])) digits++;
        return digits;
    }
}
