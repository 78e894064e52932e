using NodaTime;
using Npgsql;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;
using SlaTimers.Storage.Serialization;
using SlaTimers.Storage.Sql;
using static SlaTimers.Storage.Postgres.PgParameters;

namespace SlaTimers.Storage.Postgres;

/// <summary>
/// The ticket store on PostgreSQL. A page costs the same few round trips whatever its size: read (and lock) the
/// stored timelines of its tickets; one batch of array statements (stored tickets, deleting their clocks, timers,
/// quarantine, cursor); a binary COPY of the new tickets; a binary COPY of the clocks (two round trips each); commit.
/// </summary>
internal sealed class PostgresTicketStore(PostgresDatabase db) : ITicketStore
{
    private const string LockTimelines = """
        SELECT t.source, t.external_id, t.timeline::text FROM slatimers.tickets t
        JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) ON t.source = k.source AND t.external_id = k.external_id
        ORDER BY t.source, t.external_id
        FOR UPDATE OF t
        """;

    // Run only for the tickets the lock read found (new ones are copied, see CopyNewTicketsAsync), so its update is what
    // runs; the insert stays for safety. first_seen is written once; every other column follows the latest page, and the
    // version moves on (a timer's or a reload's evaluation of the state before this page is then refused as stale).
    private const string UpsertTickets = """
        INSERT INTO slatimers.tickets AS t (source, external_id, display_id, subject, link, created, first_seen, evaluated_at,
            next_checkpoint_at, is_open, ticket, timeline, version)
        SELECT source, external_id, display_id, subject, link, created, first_seen, evaluated_at,
            next_checkpoint_at, is_open, ticket::jsonb, timeline::json, 1
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
            $9::timestamptz[], $10::boolean[], $11::text[], $12::text[])
            AS u(source, external_id, display_id, subject, link, created, first_seen, evaluated_at, next_checkpoint_at, is_open, ticket, timeline)
        ON CONFLICT (source, external_id) DO UPDATE SET
            display_id = excluded.display_id, subject = excluded.subject, link = excluded.link, created = excluded.created,
            evaluated_at = excluded.evaluated_at, next_checkpoint_at = excluded.next_checkpoint_at, is_open = excluded.is_open,
            ticket = excluded.ticket, timeline = excluded.timeline, version = t.version + 1
        """;

    // New tickets (see CopyNewTicketsAsync): version 1, as the upsert's insert.
    private const string CopyTickets = """
        COPY slatimers.tickets (source, external_id, display_id, subject, link, created, first_seen, evaluated_at,
            next_checkpoint_at, is_open, ticket, timeline, version) FROM STDIN (FORMAT BINARY)
        """;

    // The rows of an evaluation, locked in key order (as a page locks them, so the two never deadlock) with their versions.
    private const string LockVersions = """
        SELECT t.source, t.external_id, t.version FROM slatimers.tickets t
        JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) ON t.source = k.source AND t.external_id = k.external_id
        ORDER BY t.source, t.external_id
        FOR UPDATE OF t
        """;

    // Run only for tickets locked above at the version their evaluation was read at: nobody can write them between.
    private const string UpdateEvaluations = """
        UPDATE slatimers.tickets t SET evaluated_at = u.evaluated_at, next_checkpoint_at = u.next_checkpoint_at, is_open = u.is_open,
            version = t.version + 1
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::boolean[])
            AS u(source, external_id, evaluated_at, next_checkpoint_at, is_open)
        WHERE t.source = u.source AND t.external_id = u.external_id
        """;

    private const string InsertQuarantine = """
        INSERT INTO slatimers.quarantine (source, external_id, reason, payload, at)
        SELECT source, external_id, reason, payload, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(source, external_id, reason, payload)
        """;

    private const string UpsertSyncState = """
        INSERT INTO slatimers.sync_state (source, cursor, last_success, last_attempt, last_error) VALUES ($1, $2, $3, $3, NULL)
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
        await using var connection = await db.OpenNpgsqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var stored = await LockTimelinesAsync(connection, transaction, tickets, cancellationToken);
        var rows = tickets.Select(t => TicketRow.Of(t.Record, TimelineJson.MergeJson(stored.GetValueOrDefault(t.Key), t.Events))).ToList();
        var records = tickets.Select(t => t.Record).ToList();

        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var known = rows.Where(r => stored.ContainsKey(r.Record.Key)).ToList();
            if (known.Count > 0) batch.BatchCommands.Add(UpsertCommand(known));
            PostgresEvaluations.Add(batch, records, stored.Keys.ToHashSet());
            if (!page.Rejected.IsDefaultOrEmpty) batch.BatchCommands.Add(QuarantineCommand(page));
            batch.BatchCommands.Add(Command(UpsertSyncState, Text(page.Source), Text(page.NextCursor), Timestamp(page.SyncedAt)));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await CopyNewTicketsAsync(connection, [.. rows.Where(r => !stored.ContainsKey(r.Record.Key))], cancellationToken);
        await PostgresEvaluations.CopyClocksAsync(connection, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand UpsertCommand(IReadOnlyList<TicketRow> rows) => Command(
        UpsertTickets,
        Texts(rows.Select(r => r.Record.Ticket.Source)),
        Texts(rows.Select(r => r.Record.Ticket.ExternalId)),
        Texts(rows.Select(r => r.Record.Ticket.DisplayId)),
        Texts(rows.Select(r => r.Record.Ticket.Subject)),
        Texts(rows.Select(r => r.Record.Ticket.Link)),
        Timestamps(rows.Select(r => r.Record.Ticket.Created)),
        Timestamps(rows.Select(r => r.Record.FirstSeen)),
        Timestamps(rows.Select(r => r.Record.EvaluatedAt)),
        Timestamps(rows.Select(r => r.Record.NextCheckpointAt)),
        Booleans(rows.Select(r => TicketColumns.IsOpen(r.Record))),
        Texts(rows.Select(r => r.Document)),
        Texts(rows.Select(r => r.Timeline)));

    private static NpgsqlBatchCommand QuarantineCommand(SyncPageWrite page) => Command(
        InsertQuarantine,
        Texts(page.Rejected.Select(r => r.Source)),
        Texts(page.Rejected.Select(r => r.ExternalId)),
        Texts(page.Rejected.Select(r => r.Reason)),
        Texts(page.Rejected.Select(r => r.RawPayload)),
        Timestamp(page.SyncedAt));

    /// <summary>
    /// Inserts the tickets the lock read did not find, by binary COPY (no conflict handling). That is safe because only
    /// the one sync run of a helpdesk writes its new tickets — runs hold a lock across instances — so nobody inserts one
    /// between our read and this COPY. Were that ever violated, the duplicate key fails this page's transaction, which
    /// rolls back with its cursor, and the next run stores the page again: nothing is lost.
    /// </summary>
    private static async Task CopyNewTicketsAsync(NpgsqlConnection connection, IReadOnlyList<TicketRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await using var importer = await connection.BeginBinaryImportAsync(CopyTickets, cancellationToken);
        foreach (var row in rows)
        {
            importer.StartRow();
            Write(importer, row);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static void Write(NpgsqlBinaryImporter importer, TicketRow row)
    {
        var (record, ticket) = (row.Record, row.Record.Ticket);
        importer.Text(ticket.Source);
        importer.Text(ticket.ExternalId);
        importer.Text(ticket.DisplayId);
        importer.Text(ticket.Subject);
        importer.Text(ticket.Link);
        importer.Timestamp(ticket.Created);
        importer.Timestamp(record.FirstSeen);
        importer.Timestamp(record.EvaluatedAt);
        importer.Timestamp(record.NextCheckpointAt);
        importer.Boolean(TicketColumns.IsOpen(record));
        importer.Jsonb(row.Document);
        importer.Json(row.Timeline);
        importer.Bigint(1);
    }

    public async Task<IReadOnlyList<TicketKey>> SaveEvaluationsAsync(IReadOnlyCollection<TicketRecord> tickets, CancellationToken cancellationToken)
    {
        var records = PageTickets.From(tickets).Tickets.Select(t => t.Record).ToList();
        if (records.Count == 0) return [];
        await using var connection = await db.OpenNpgsqlAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var stored = await LockVersionsAsync(connection, transaction, records, cancellationToken);
        var (current, stale) = EvaluationVersions.Split(records, stored);
        if (current.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Command(
                UpdateEvaluations,
                Texts(current.Select(r => r.Ticket.Source)),
                Texts(current.Select(r => r.Ticket.ExternalId)),
                Timestamps(current.Select(r => r.EvaluatedAt)),
                Timestamps(current.Select(r => r.NextCheckpointAt)),
                Booleans(current.Select(TicketColumns.IsOpen))));
            PostgresEvaluations.Add(batch, current);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await PostgresEvaluations.CopyClocksAsync(connection, current, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return stale;
    }

    private static async Task<Dictionary<TicketKey, long>> LockVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TicketRecord> records, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<TicketKey, long>();
        await using var command = Command(connection, transaction, LockVersions, Texts(records.Select(r => r.Ticket.Source)), Texts(records.Select(r => r.Ticket.ExternalId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[new TicketKey(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }
        return stored;
    }

    private static async Task<Dictionary<TicketKey, string>> LockTimelinesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PageTicket> tickets, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<TicketKey, string>();
        if (tickets.Count == 0) return stored;
        await using var command = Command(connection, transaction, LockTimelines, Texts(tickets.Select(t => t.Key.Source)), Texts(tickets.Select(t => t.Key.ExternalId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[new TicketKey(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }
        return stored;
    }

    /// <summary>
    /// A ticket of a page with its documents as written: serialized before a COPY starts, so the COPY streams values
    /// instead of holding the server's statement open while the client serializes.
    /// </summary>
    private sealed record TicketRow(TicketRecord Record, string Document, string Timeline)
    {
        public static TicketRow Of(TicketRecord record, string timeline) =>
            new(record, StorageJson.Serialize(TicketDocument.From(record.Ticket)), timeline);
    }
}
