using NodaTime;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Sqlite;

/// <summary>Column values in SQLite's form: instants as Unix microseconds, booleans as 0/1.</summary>
internal static class SqliteValues
{
    public static object Micros(Instant instant) => StoredInstant.ToUnixMicroseconds(instant);

    public static object? Micros(Instant? instant) => instant is { } i ? StoredInstant.ToUnixMicroseconds(i) : null;

    public static object Flag(bool value) => value ? 1L : 0L;
}
