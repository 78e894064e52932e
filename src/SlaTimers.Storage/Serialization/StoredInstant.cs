using NodaTime;

namespace SlaTimers.Storage.Serialization;

/// <summary>
/// How instants are kept in columns: PostgreSQL <c>timestamptz</c> and SQLite INTEGER Unix microseconds.
/// Both keep microseconds, so every instant is truncated (toward the start of time) to a whole microsecond
/// before it is written; both engines then read back exactly the same value, and an equality test on a
/// column (a timer's due instant) matches the value written. JSON documents keep full precision.
/// </summary>
internal static class StoredInstant
{
    private const long TicksPerMicrosecond = 10;

    public static Instant Truncate(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - Modulo(ticks, TicksPerMicrosecond));
    }

    public static long ToUnixMicroseconds(Instant instant) => Truncate(instant).ToUnixTimeTicks() / TicksPerMicrosecond;

    public static Instant FromUnixMicroseconds(long microseconds) => Instant.FromUnixTimeTicks(microseconds * TicksPerMicrosecond);

    /// <summary>A UTC <see cref="DateTime"/> for Npgsql's <c>timestamptz</c>.</summary>
    public static DateTime ToUtcDateTime(Instant instant) => Truncate(instant).ToDateTimeUtc();

    public static Instant FromUtcDateTime(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>Reads a column written by either engine: a <c>timestamptz</c> or a Unix-microsecond integer.</summary>
    public static Instant FromColumn(object value) => value switch
    {
        DateTime utc => FromUtcDateTime(utc),
        DateTimeOffset offset => Instant.FromDateTimeOffset(offset),
        long microseconds => FromUnixMicroseconds(microseconds),
        int microseconds => FromUnixMicroseconds(microseconds),
        _ => throw new InvalidCastException($"An instant column holds a {value.GetType().Name}, not a timestamp or an integer."),
    };

    private static long Modulo(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
