using SlaTimers.Core.Notifications;
using SlaTimers.Storage.Sql;
using static SlaTimers.Storage.Sqlite.SqliteValues;

namespace SlaTimers.Storage.Sqlite;

/// <summary>The notification ledger on SQLite: insert-if-absent is a prepared <c>INSERT OR IGNORE</c> per row, in one transaction.</summary>
internal sealed class SqliteNotificationLedger : SqlNotificationLedger
{
    private const string Insert = """
        INSERT OR IGNORE INTO notifications (key, source, external_id, clock_key, checkpoint_key, recipient, channel, due_at, recorded_at, state, attempts)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0)
        """;

    private readonly SqliteDatabase _db;

    public SqliteNotificationLedger(SqliteDatabase db) : base(db) => _db = db;

    public override async Task<IReadOnlyList<string>> AddIfAbsentAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0) return [];
        await using var connection = await _db.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        using (var insert = new SqliteStatement(connection, transaction, Insert, 9))
        {
            foreach (var n in notifications)
            {
                if (insert.Execute(n.Key, n.Ticket.Source, n.Ticket.ExternalId, n.ClockKey, n.CheckpointKey, n.Recipient, n.Channel, Micros(n.DueAt), Micros(n.RecordedAt)) > 0)
                {
                    inserted.Add(n.Key);
                }
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return InOrder(notifications, inserted);
    }
}
