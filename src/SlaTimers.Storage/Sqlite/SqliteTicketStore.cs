using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;
using SlaTimers.Storage.Serialization;
using SlaTimers.Storage.Sql;
using static SlaTimers.Storage.Sqlite.SqliteValues;

namespace SlaTimers.Storage.Sqlite;

/// <summary>
/// The ticket store on SQLite. A page is one <c>BEGIN IMMEDIATE</c> transaction (it takes the write lock up
/// front, so it never fails half-way on a lock upgrade) running prepared statements once per row.
/// </summary>
internal sealed class SqliteTicketStore(SqliteDatabase db) : ITicketStore
{
    private const string SelectTimeline = "SELECT timeline FROM tickets WHERE source = $1 AND external_id = $2";

    // first_seen is written once; every other column follows the latest page, and the version moves on (a timer's or a
    // reload's evaluation of the state before this page is then refused as stale).
    private const string UpsertTicket = """
        INSERT INTO tickets (source, external_id, display_id, subject, link, created, first_seen, evaluated_at, next_checkpoint_at,
            is_open, ticket, timeline, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)
        ON CONFLICT (source, external_id) DO UPDATE SET
            display_id = excluded.display_id, subject = excluded.subject, link = excluded.link, created = excluded.created,
            evaluated_at = excluded.evaluated_at, next_checkpoint_at = excluded.next_checkpoint_at, is_open = excluded.is_open,
            ticket = excluded.ticket, timeline = excluded.timeline, version = tickets.version + 1
        """;

    private const string SelectVersion = "SELECT version FROM tickets WHERE source = $1 AND external_id = $2";

    // Run only for tickets whose version was just read in the same BEGIN IMMEDIATE transaction: nobody can write between.
    private const string UpdateEvaluation =
        "UPDATE tickets SET evaluated_at = $3, next_checkpoint_at = $4, is_open = $5, version = version + 1 WHERE source = $1 AND external_id = $2";

    private const string InsertQuarantine = "INSERT INTO quarantine (source, external_id, reason, payload, at) VALUES ($1, $2, $3, $4, $5)";

    private const string UpsertSyncState = """
        INSERT INTO sync_state (source, cursor, last_success, last_attempt, last_error) VALUES ($1, $2, $3, $3, NULL)
        ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, last_success = excluded.last_success,
            last_attempt = excluded.last_attempt, last_error = NULL
        """;

    private readonly SqlTicketQueries _queries = new(db);

    public Task<IReadOnlyDictionary<TicketKey, TicketRecord>> GetTicketsAsync(IReadOnlyCollection<TicketKey> keys, CancellationToken cancellationToken) =>
        _queries.GetTicketsAsync(keys, cancellationToken);

    public Task<IReadOnlyList<TicketRecord>> GetOpenTicketsAsync(TicketKey? after, int limit, CancellationToken cancellationToken) =>
        _queries.GetOpenTicketsAsync(after, limit, cancellationToken);

    public Task<SyncState?> GetSyncStateAsync(string source, CancellationToken cancellationToken) =>
        _queries.GetSyncStateAsync(source, cancellationToken);

    public Task RecordSyncFailureAsync(string source, Instant at, string error, CancellationToken cancellationToken) =>
        _queries.RecordSyncFailureAsync(source, at, error, cancellationToken);

    public async Task SavePageAsync(SyncPageWrite page, CancellationToken cancellationToken)
    {
        var tickets = PageTickets.From(page.Tickets.IsDefault ? [] : page.Tickets).Tickets;
        await using var connection = await db.OpenSqliteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        using (var select = new SqliteStatement(connection, transaction, SelectTimeline, 2))
        using (var upsert = new SqliteStatement(connection, transaction, UpsertTicket, 12))
        using (var evaluations = new SqliteEvaluations(connection, transaction))
        {
            foreach (var (key, record, events) in tickets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var storedTimeline = StoredTimeline(select, key);
                var timeline = TimelineJson.MergeJson(storedTimeline, events);
                var ticket = record.Ticket;
                upsert.Execute(
                    ticket.Source, ticket.ExternalId, ticket.DisplayId, ticket.Subject, ticket.Link, Micros(ticket.Created), Micros(record.FirstSeen),
                    Micros(record.EvaluatedAt), Micros(record.NextCheckpointAt), Flag(TicketColumns.IsOpen(record)),
                    StorageJson.Serialize(TicketDocument.From(ticket)), timeline);
                evaluations.Write(record, wasStored: storedTimeline is not null);
            }
        }
        if (!page.Rejected.IsDefaultOrEmpty)
        {
            using var quarantine = new SqliteStatement(connection, transaction, InsertQuarantine, 5);
            foreach (var rejected in page.Rejected)
            {
                quarantine.Execute(rejected.Source, rejected.ExternalId, rejected.Reason, rejected.RawPayload, Micros(page.SyncedAt));
            }
        }
        using (var cursor = new SqliteStatement(connection, transaction, UpsertSyncState, 3))
        {
            cursor.Execute(page.Source, page.NextCursor, Micros(page.SyncedAt));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TicketKey>> SaveEvaluationsAsync(IReadOnlyCollection<TicketRecord> tickets, CancellationToken cancellationToken)
    {
        var records = PageTickets.From(tickets).Tickets.Select(t => t.Record).ToList();
        if (records.Count == 0) return [];
        await using var connection = await db.OpenSqliteAsync(cancellationToken);
        // The write lock is taken up front, so the versions read here hold until the commit.
        await using var transaction = connection.BeginTransaction(deferred: false);

        var stored = new Dictionary<TicketKey, long>();
        using (var select = new SqliteStatement(connection, transaction, SelectVersion, 2))
        {
            foreach (var record in records)
            {
                using var reader = select.Query(record.Ticket.Source, record.Ticket.ExternalId);
                if (reader.Read()) stored[record.Key] = reader.GetInt64(0);
            }
        }
        var (current, stale) = EvaluationVersions.Split(records, stored);

        using (var update = new SqliteStatement(connection, transaction, UpdateEvaluation, 5))
        using (var evaluations = new SqliteEvaluations(connection, transaction))
        {
            foreach (var record in current)
            {
                cancellationToken.ThrowIfCancellationRequested();
                update.Execute(
                    record.Ticket.Source, record.Ticket.ExternalId, Micros(record.EvaluatedAt), Micros(record.NextCheckpointAt), Flag(TicketColumns.IsOpen(record)));
                evaluations.Write(record);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return stale;
    }

    private static string? StoredTimeline(SqliteStatement select, TicketKey key)
    {
        using var reader = select.Query(key.Source, key.ExternalId);
        return reader.Read() ? reader.GetString(0) : null;
    }
}
