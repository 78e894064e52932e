using NodaTime;
using Npgsql;
using NpgsqlTypes;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Postgres;

/// <summary>
/// Typed values for a binary <c>COPY … FROM STDIN</c>: the server takes each column in its binary form, with none of
/// the per-row cost of expanding parameter arrays (<c>unnest</c>). Instants go through
/// <see cref="StoredInstant.ToUtcDateTime"/>, as every parameter does, so both paths store the same microseconds.
/// The values are written synchronously: a write only copies into the importer's buffer, and touches the socket only
/// when that buffer is full (a send, which blocks the thread only while the kernel's buffer is full too). The async
/// path paid a task per value — 20 values a clock row, ~100,000 a page — inside the page's save, the sync's longest
/// stage. Opening and completing the COPY (the round trips) stay async.
/// </summary>
internal static class PgCopy
{
    public static void Text(this NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Text);
    }

    /// <summary>A <c>json</c> column: the text as written, which the server only checks.</summary>
    public static void Json(this NpgsqlBinaryImporter importer, string value) => importer.Write(value, NpgsqlDbType.Json);

    public static void Jsonb(this NpgsqlBinaryImporter importer, string value) => importer.Write(value, NpgsqlDbType.Jsonb);

    public static void Timestamp(this NpgsqlBinaryImporter importer, Instant? value)
    {
        if (value is { } instant) importer.Write(StoredInstant.ToUtcDateTime(instant), NpgsqlDbType.TimestampTz);
        else importer.WriteNull();
    }

    public static void Boolean(this NpgsqlBinaryImporter importer, bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public static void Integer(this NpgsqlBinaryImporter importer, int value) => importer.Write(value, NpgsqlDbType.Integer);

    public static void Bigint(this NpgsqlBinaryImporter importer, long value) => importer.Write(value, NpgsqlDbType.Bigint);
}
