using System.Text.Json;

namespace SlaTimers.Worker.Cli.Batch;

/// <summary>
/// One input line of <c>deadline --batch</c>, read with <see cref="Utf8JsonReader"/> straight from the
/// line's bytes. The <c>id</c> is kept as its raw JSON so it is echoed exactly as given; unknown
/// properties are skipped. A line that is not valid JSON still yields the id if it came first.
/// </summary>
internal ref struct BatchRequest
{
    /// <summary>The raw JSON of the <c>id</c> value (a number, a string with its quotes, ...); empty when absent.</summary>
    public ReadOnlySpan<byte> Id;
    public string? Calendar;
    public string? Start;
    public string? Duration;
    public string? From;
    public string? To;

    /// <summary>The first thing wrong with the line's shape, or null.</summary>
    public string? Error;

    public static BatchRequest Parse(ReadOnlySpan<byte> line)
    {
        var request = new BatchRequest();
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                request.Error = "expected a JSON object such as {\"id\":1,\"calendar\":\"24x7\",\"start\":\"2026-12-24T16:30:00Z\",\"duration\":\"PT2H\"}";
                return request;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    request.Id = line[start..(int)reader.BytesConsumed];
                }
                else if (reader.ValueTextEquals("calendar"u8)) request.Calendar = ReadString(ref reader, "calendar", ref request.Error);
                else if (reader.ValueTextEquals("start"u8)) request.Start = ReadString(ref reader, "start", ref request.Error);
                else if (reader.ValueTextEquals("duration"u8)) request.Duration = ReadString(ref reader, "duration", ref request.Error);
                else if (reader.ValueTextEquals("from"u8)) request.From = ReadString(ref reader, "from", ref request.Error);
                else if (reader.ValueTextEquals("to"u8)) request.To = ReadString(ref reader, "to", ref request.Error);
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Anything after the object (a second value, garbage) makes Read throw.
            reader.Read();
        }
        catch (JsonException e)
        {
            request.Error = $"malformed JSON: {e.Message}";
        }
        return request;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string property, ref string? error)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                error ??= $"'{property}' must be a string, not {reader.TokenType.ToString().ToLowerInvariant()}";
                reader.Skip();
                return null;
        }
    }
}
