using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Serialization;

/// <summary>
/// Writes the <c>timeline</c> and <c>checkpoints</c> columns straight from the domain types with a
/// <see cref="Utf8JsonWriter"/>: the text <see cref="StorageJson"/>'s serializer writes for
/// <see cref="EventDocument"/> and <see cref="CheckpointDocument"/>, character for character (a test holds the two
/// together), without the documents in between. Why by hand: a sync page writes ~15,000 events and ~5,000 clocks'
/// checkpoints, inside the page's save — the pipeline's longest stage — and the serializer's metadata path (its
/// fast path is off with custom converters) was ~9 % of the worker's CPU in a backfill. Reading stays with the
/// serializer and the documents.
/// </summary>
internal static class DocumentWriter
{
    private static readonly InstantJsonConverter Instants = new();

    private const int MaxKeptBytes = 1024 * 1024;

    [ThreadStatic] private static Buffer? _buffer;

    public static string Timeline(IEnumerable<TicketEvent> events) => Write(events, static (writer, events) =>
    {
        writer.WriteStartArray();
        foreach (var e in events) WriteEvent(writer, e);
        writer.WriteEndArray();
    });

    public static string Checkpoints(ImmutableArray<ClockCheckpoint> checkpoints) => Write(checkpoints, static (writer, checkpoints) =>
    {
        writer.WriteStartArray();
        foreach (var checkpoint in checkpoints.IsDefault ? [] : checkpoints) WriteCheckpoint(writer, checkpoint);
        writer.WriteEndArray();
    });

    // Properties in the documents' declaration order, nulls left out (StorageJson: WhenWritingNull).
    private static void WriteEvent(Utf8JsonWriter writer, TicketEvent e)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.At);
        WriteInstant(writer, e.At);
        writer.WriteString(Names.Kind, EnumText<TicketEventKind>.Of(e.Kind));
        if (e.Id is not null) writer.WriteString(Names.Id, e.Id);
        if (e.Field is not null) writer.WriteString(Names.Field, e.Field);
        if (e.Value is not null) writer.WriteString(Names.Value, e.Value);
        if (e.Status is { } status) writer.WriteString(Names.Status, EnumText<StatusCategory>.Of(status));
        if (e.StatusName is not null) writer.WriteString(Names.StatusName, e.StatusName);
        if (e.Fields is not null) WriteFields(writer, e.Fields);
        writer.WriteEndObject();
    }

    // A dictionary's keys are written as they are (no naming policy), in ordinal order (EventDocument's SortedDictionary).
    private static void WriteFields(Utf8JsonWriter writer, ImmutableDictionary<string, string> fields)
    {
        writer.WriteStartObject(Names.Fields);
        var keys = fields.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        foreach (var key in keys) writer.WriteString(key, fields[key]);
        writer.WriteEndObject();
    }

    private static void WriteCheckpoint(Utf8JsonWriter writer, ClockCheckpoint checkpoint)
    {
        var (definition, offset) = (checkpoint.Definition, checkpoint.Definition.Offset);
        writer.WriteStartObject();
        writer.WriteString(Names.Anchor, EnumText<Core.Agreements.CheckpointAnchor>.Of(offset.Anchor));
        writer.WriteString(Names.Offset, DurationText.Of(offset.Offset));
        writer.WriteNumber(Names.Percent, offset.Percent);
        writer.WriteBoolean(Names.WallClock, offset.WallClock);
        writer.WriteNumber(Names.Level, definition.Level);
        writer.WriteStartArray(Names.Recipients);
        foreach (var recipient in definition.Recipients.IsDefault ? [] : definition.Recipients)
        {
            writer.WriteStartObject();
            writer.WriteString(Names.Role, EnumText<Core.Agreements.RecipientRole>.Of(recipient.Role));
            if (recipient.Name is not null) writer.WriteString(Names.Name, recipient.Name);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (checkpoint.At is { } at)
        {
            writer.WritePropertyName(Names.At);
            WriteInstant(writer, at);
        }
        writer.WriteString(Names.State, EnumText<CheckpointState>.Of(checkpoint.State));
        writer.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter writer, Instant instant) => Instants.Write(writer, instant, StorageJson.Options);

    private static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = _buffer ??= new Buffer();
        buffer.Bytes.ResetWrittenCount();
        buffer.Writer.Reset(buffer.Bytes);
        write(buffer.Writer, value);
        buffer.Writer.Flush();
        var text = Encoding.UTF8.GetString(buffer.Bytes.WrittenSpan);
        // A rare huge timeline is not kept alive by the thread afterwards.
        if (buffer.Bytes.Capacity > MaxKeptBytes) _buffer = null;
        return text;
    }

    /// <summary>One writer and its bytes per thread, reused: a timeline is written with no await in between.</summary>
    private sealed class Buffer
    {
        public ArrayBufferWriter<byte> Bytes { get; } = new(16 * 1024);

        public Utf8JsonWriter Writer { get; }

        public Buffer() => Writer = new Utf8JsonWriter(Bytes);
    }

    /// <summary>An enum value's text as the serializer writes it (its camelCase name), asked once per value.</summary>
    private static class EnumText<TEnum> where TEnum : struct, Enum
    {
        private static readonly ConcurrentDictionary<TEnum, JsonEncodedText> Texts = new();

        public static JsonEncodedText Of(TEnum value) =>
            Texts.GetOrAdd(value, static v => JsonEncodedText.Encode(JsonSerializer.SerializeToElement(v, StorageJson.Options).GetString()!));
    }

    /// <summary>A checkpoint offset's text (NodaTime's round-trip pattern); a configuration has a handful of offsets.</summary>
    private static class DurationText
    {
        private static readonly ConcurrentDictionary<Duration, string> Texts = new();

        public static string Of(Duration value) =>
            Texts.GetOrAdd(value, static v => JsonSerializer.SerializeToElement(v, StorageJson.Options).GetString()!);
    }

    private static class Names
    {
        public static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Field = JsonEncodedText.Encode("field");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText StatusName = JsonEncodedText.Encode("statusName");
        public static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");
        public static readonly JsonEncodedText Anchor = JsonEncodedText.Encode("anchor");
        public static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
        public static readonly JsonEncodedText Percent = JsonEncodedText.Encode("percent");
        public static readonly JsonEncodedText WallClock = JsonEncodedText.Encode("wallClock");
        public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
        public static readonly JsonEncodedText Recipients = JsonEncodedText.Encode("recipients");
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    }
}
