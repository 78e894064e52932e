using NodaTime;
using Npgsql;
using NpgsqlTypes;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Postgres;

/// <summary>Typed positional parameters for batched statements (arrays for <c>unnest</c>).</summary>
internal static class PgParameters
{
    public static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Timestamp(Instant? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? StoredInstant.ToUtcDateTime(v) : DBNull.Value };

    public static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() };

    public static NpgsqlParameter Timestamps(IEnumerable<Instant> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = values.Select(StoredInstant.ToUtcDateTime).ToArray() };

    public static NpgsqlParameter Timestamps(IEnumerable<Instant?> values) =>
        new()
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = values.Select(v => v is { } i ? StoredInstant.ToUtcDateTime(i) : (DateTime?)null).ToArray(),
        };

    public static NpgsqlParameter Booleans(IEnumerable<bool> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, Value = values.ToArray() };

    public static NpgsqlParameter Integers(IEnumerable<int> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = values.ToArray() };

    public static NpgsqlParameter Longs(IEnumerable<long> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = values.ToArray() };

    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
