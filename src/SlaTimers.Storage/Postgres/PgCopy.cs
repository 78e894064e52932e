using NodaTime;
using Npgsql;
using NpgsqlTypes;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Postgres;

/// <summary>
/// Typed values for a binary <c>COPY … FROM STDIN</c>: the server takes each column in its binary form, with none of
/// the per-row cost of expanding parameter arrays (<c>unnest</c>). Instants go through
/// <see cref="StoredInstant.ToUtcDateTime"/>, as every parameter does, so both paths store the same microseconds.
/// </summary>
internal static class PgCopy
{
    public static Task TextAsync(this NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        importer.NullableAsync(value, NpgsqlDbType.Text, cancellationToken);

    /// <summary>A <c>json</c> column: the text as written, which the server only checks.</summary>
    public static Task JsonAsync(this NpgsqlBinaryImporter importer, string value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Json, cancellationToken);

    public static Task JsonbAsync(this NpgsqlBinaryImporter importer, string value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Jsonb, cancellationToken);

    public static Task TimestampAsync(this NpgsqlBinaryImporter importer, Instant? value, CancellationToken cancellationToken) =>
        value is { } instant
            ? importer.WriteAsync(StoredInstant.ToUtcDateTime(instant), NpgsqlDbType.TimestampTz, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);

    public static Task BooleanAsync(this NpgsqlBinaryImporter importer, bool value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Boolean, cancellationToken);

    public static Task IntegerAsync(this NpgsqlBinaryImporter importer, int value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Integer, cancellationToken);

    public static Task BigintAsync(this NpgsqlBinaryImporter importer, long value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Bigint, cancellationToken);

    private static Task NullableAsync(this NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
}
