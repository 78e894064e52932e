using System.Buffers;
using System.Text;
using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Text;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli.Batch;

/// <summary>
/// <c>deadline --batch</c>: one JSON request a line in, one JSON answer a line out, in order
/// (<c>{"id":1,"deadline":"…Z"}</c>, <c>{"id":2,"elapsedSeconds":32400}</c> or <c>{"id":3,"error":"…"}</c>).
/// A bad line gets an error answer and never stops the batch. Answers are written with one
/// <see cref="Utf8JsonWriter"/> into a buffer that reaches the output in large chunks, so 100,000 lines
/// take well under a second of work; a single thread is enough.
/// </summary>
public sealed class DeadlineBatch(BusinessCalendarCatalog catalog)
{
    private const int ChunkBytes = 1 << 15;

    private readonly string _knownIds = ConfigLoading.KnownIds(catalog);

    public void Run(TextReader input, TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        using var json = new Utf8JsonWriter(buffer, JsonOutput.Options(indented: false));
        var lineBytes = new byte[1024];
        var chars = new char[ChunkBytes * 2];

        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var maxBytes = Encoding.UTF8.GetMaxByteCount(line.Length);
            if (lineBytes.Length < maxBytes) lineBytes = new byte[maxBytes];
            var length = Encoding.UTF8.GetBytes(line, lineBytes);

            Answer(lineBytes.AsSpan(0, length), json);
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= ChunkBytes) Drain(buffer, output, ref chars);
        }
        Drain(buffer, output, ref chars);
        output.Flush();
    }

    private void Answer(ReadOnlySpan<byte> line, Utf8JsonWriter json)
    {
        var request = BatchRequest.Parse(line);
        json.WriteStartObject();
        json.WritePropertyName("id"u8);
        if (request.Id.IsEmpty) json.WriteNullValue();
        else json.WriteRawValue(request.Id, skipInputValidation: true);

        var error = request.Error ?? Compute(ref request, json);
        if (error is not null) json.WriteString("error"u8, error);
        json.WriteEndObject();
    }

    /// <summary>Writes the answer's value, or returns what is wrong with the request.</summary>
    private string? Compute(ref BatchRequest request, Utf8JsonWriter json)
    {
        var wantsDeadline = request.Start is not null || request.Duration is not null;
        var wantsElapsed = request.From is not null || request.To is not null;
        if (wantsDeadline == wantsElapsed)
        {
            return wantsDeadline
                ? "give either 'start' and 'duration' (a deadline) or 'from' and 'to' (elapsed time), not both"
                : "missing 'start' and 'duration' (a deadline) or 'from' and 'to' (elapsed time)";
        }
        if (request.Calendar is null) return $"missing 'calendar': expected one of {_knownIds}";
        if (!catalog.TryGet(request.Calendar, out var calendar)) return $"unknown calendar '{request.Calendar}': expected one of {_knownIds}";

        try
        {
            return wantsDeadline ? ComputeDeadline(ref request, calendar, json) : ComputeElapsed(ref request, calendar, json);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.Message.Split(Environment.NewLine)[0];
        }
        catch (CalendarNeverOpensException e)
        {
            return e.Message;
        }
    }

    private static string? ComputeDeadline(ref BatchRequest request, BusinessCalendar calendar, Utf8JsonWriter json)
    {
        if (!TryInstant(request.Start, "start", out var start, out var error)) return error;
        if (request.Duration is null) return $"missing 'duration': expected {DurationText.Expected}";
        if (!DurationText.TryParse(request.Duration, out var duration))
        {
            return $"'duration' is not a duration: '{request.Duration}': expected {DurationText.Expected}";
        }
        json.WriteString("deadline"u8, TimeFormats.Utc(calendar.Deadline(start, duration)));
        return null;
    }

    private static string? ComputeElapsed(ref BatchRequest request, BusinessCalendar calendar, Utf8JsonWriter json)
    {
        if (!TryInstant(request.From, "from", out var from, out var error)) return error;
        if (!TryInstant(request.To, "to", out var to, out error)) return error;
        if (to < from) return $"'to' ({TimeFormats.Utc(to)}) is before 'from' ({TimeFormats.Utc(from)})";
        json.WriteNumber("elapsedSeconds"u8, TimeFormats.TotalSeconds(calendar.Elapsed(from, to)));
        return null;
    }

    private static bool TryInstant(string? text, string property, out Instant instant, out string? error)
    {
        instant = default;
        error = text is null
            ? $"missing '{property}': expected {InstantText.Expected}"
            : InstantText.TryParse(text, out instant) ? null : $"'{property}' is not an instant: '{text}': expected {InstantText.Expected}";
        return error is null;
    }

    private static void Drain(ArrayBufferWriter<byte> buffer, TextWriter output, ref char[] chars)
    {
        var bytes = buffer.WrittenSpan;
        var maxChars = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (chars.Length < maxChars) chars = new char[maxChars];
        var count = Encoding.UTF8.GetChars(bytes, chars);
        output.Write(chars, 0, count);
        buffer.ResetWrittenCount();
    }
}
