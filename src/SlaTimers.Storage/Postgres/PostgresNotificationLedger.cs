using Npgsql;
using SlaTimers.Core.Notifications;
using SlaTimers.Storage.Sql;
using static SlaTimers.Storage.Postgres.PgParameters;

namespace SlaTimers.Storage.Postgres;

/// <summary>The notification ledger on PostgreSQL: insert-if-absent is one array statement, <c>ON CONFLICT DO NOTHING</c>.</summary>
internal sealed class PostgresNotificationLedger : SqlNotificationLedger
{
    private const string Insert = """
        INSERT INTO slatimers.notifications (key, source, external_id, clock_key, checkpoint_key, recipient, channel, due_at, recorded_at, state, attempts)
        SELECT key, source, external_id, clock_key, checkpoint_key, recipient, channel, due_at, recorded_at, 'pending', 0
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
            AS u(key, source, external_id, clock_key, checkpoint_key, recipient, channel, due_at, recorded_at)
        ON CONFLICT (key) DO NOTHING
        RETURNING key
        """;

    private readonly PostgresDatabase _db;

    public PostgresNotificationLedger(PostgresDatabase db) : base(db) => _db = db;

    public override async Task<IReadOnlyList<string>> AddIfAbsentAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0) return [];
        await using var connection = await _db.OpenNpgsqlAsync(cancellationToken);
        await using var command = Command(connection, null, Insert,
            Texts(notifications.Select(n => n.Key)),
            Texts(notifications.Select(n => n.Ticket.Source)),
            Texts(notifications.Select(n => n.Ticket.ExternalId)),
            Texts(notifications.Select(n => n.ClockKey)),
            Texts(notifications.Select(n => n.CheckpointKey)),
            Texts(notifications.Select(n => n.Recipient)),
            Texts(notifications.Select(n => n.Channel)),
            Timestamps(notifications.Select(n => n.DueAt)),
            Timestamps(notifications.Select(n => n.RecordedAt)));
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) inserted.Add(reader.GetString(0));
        return InOrder(notifications, inserted);
    }
}
