using System.Data;
using System.Reflection;
using Dapper;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Records;

/// <summary>
/// Teaches Dapper our types without touching its global switches (other libraries in the process use
/// Dapper too, Hangfire.PostgreSql among them): an <see cref="Instant"/> handler that writes the engine's
/// column form (see <see cref="StoredInstant"/>) and snake_case column maps for our own row types only.
/// </summary>
internal static class DapperMapping
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            SqlMapper.AddTypeHandler(new InstantHandler());
            foreach (var rowType in new[] { typeof(TicketRow), typeof(ClockRow), typeof(TimerRow), typeof(SyncStateRow), typeof(NotificationRow) })
            {
                SqlMapper.SetTypeMap(rowType, new CustomPropertyTypeMap(rowType, PropertyOf));
            }
            _registered = true;
        }
    }

    private static PropertyInfo PropertyOf(Type type, string column) =>
        type.GetProperty(column.Replace("_", ""), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new InvalidOperationException($"{type.Name} has no property for column '{column}'.");

    private sealed class InstantHandler : SqlMapper.TypeHandler<Instant>
    {
        public override void SetValue(IDbDataParameter parameter, Instant value)
        {
            if (parameter is NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = NpgsqlDbType.TimestampTz;
                npgsql.Value = StoredInstant.ToUtcDateTime(value);
            }
            else
            {
                parameter.DbType = DbType.Int64;
                parameter.Value = StoredInstant.ToUnixMicroseconds(value);
            }
        }

        public override Instant Parse(object value) => StoredInstant.FromColumn(value);
    }
}
