using System.Data.Common;
using Dapper;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;

namespace SlaTimers.Storage.Sql;

/// <summary>The ticket-store reads and small writes whose SQL both engines share.</summary>
internal sealed class SqlTicketQueries
{
    private const string TicketColumns =
        "t.source, t.external_id, t.subject, t.link, t.created, t.first_seen, t.evaluated_at, t.next_checkpoint_at, t.ticket, t.timeline, t.version";

    private const string ClockColumns =
        "c.source, c.external_id, c.ordinal, c.agreement_id, c.agreement_kind, c.metric, c.cycle, c.state, c.is_paused, c.policy_id, "
        + "c.priority, c.calendar_id, c.started, c.stopped, c.stop_reason, c.used_ticks, c.budget_ticks, c.deadline, c.breached_at, c.checkpoints";

    private readonly IStorageDatabase _db;
    private readonly string _ticketsByKey;
    private readonly string _firstOpenTickets;
    private readonly string _nextOpenTickets;
    private readonly string _syncState;
    private readonly string _syncFailure;

    public SqlTicketQueries(IStorageDatabase db)
    {
        _db = db;
        var p = db.Prefix;
        var keys = db.KeysTable("keys");
        _ticketsByKey = $"""
            SELECT {TicketColumns} FROM {p}tickets t JOIN {keys} ON t.source = k.source AND t.external_id = k.external_id;
            SELECT {ClockColumns} FROM {p}clocks c JOIN {keys} ON c.source = k.source AND c.external_id = k.external_id;
            """;
        // Keyset paging over the partial index of open tickets; the clocks of the same page in one go.
        _firstOpenTickets = OpenTicketsPage(p, "");
        _nextOpenTickets = OpenTicketsPage(p, "AND (source, external_id) > (@after_source, @after_id)");
        _syncState = $"SELECT source, cursor, last_success, last_attempt, last_error FROM {p}sync_state WHERE source = @source";
        _syncFailure = $"""
            INSERT INTO {p}sync_state (source, last_attempt, last_error) VALUES (@source, @at, @error)
            ON CONFLICT (source) DO UPDATE SET last_attempt = excluded.last_attempt, last_error = excluded.last_error
            """;
    }

    public async Task<IReadOnlyDictionary<TicketKey, TicketRecord>> GetTicketsAsync(IReadOnlyCollection<TicketKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return new Dictionary<TicketKey, TicketRecord>();
        var parameters = new DynamicParameters();
        _db.AddKeys(parameters, "keys", keys.Distinct());
        await using var connection = await _db.OpenAsync(cancellationToken);
        var records = await ReadRecordsAsync(connection, _ticketsByKey, parameters, cancellationToken);
        return records.ToDictionary(r => r.Key);
    }

    public async Task<IReadOnlyList<TicketRecord>> GetOpenTicketsAsync(TicketKey? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var parameters = new DynamicParameters(new { after_source = after?.Source, after_id = after?.ExternalId, limit });
        await using var connection = await _db.OpenAsync(cancellationToken);
        return await ReadRecordsAsync(connection, after is null ? _firstOpenTickets : _nextOpenTickets, parameters, cancellationToken);
    }

    public async Task<SyncState?> GetSyncStateAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SyncStateRow>(new CommandDefinition(_syncState, new { source }, cancellationToken: cancellationToken));
        return row is null ? null : RecordMapping.ToSyncState(row);
    }

    public async Task RecordSyncFailureAsync(string source, Instant at, string error, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_syncFailure, new { source, at, error }, cancellationToken: cancellationToken));
    }

    private static string OpenTicketsPage(string p, string after)
    {
        var openKeys = $"SELECT source, external_id FROM {p}tickets WHERE is_open {after} ORDER BY source, external_id LIMIT @limit";
        return $"""
            SELECT {TicketColumns} FROM {p}tickets t JOIN ({openKeys}) k ON t.source = k.source AND t.external_id = k.external_id;
            SELECT {ClockColumns} FROM {p}clocks c JOIN ({openKeys}) k ON c.source = k.source AND c.external_id = k.external_id;
            """;
    }

    private static async Task<List<TicketRecord>> ReadRecordsAsync(DbConnection connection, string sql, DynamicParameters parameters, CancellationToken cancellationToken)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var tickets = (await grid.ReadAsync<TicketRow>()).ToList();
        var clocks = await grid.ReadAsync<ClockRow>();
        var records = RecordMapping.ToRecords(tickets, clocks);
        records.Sort((a, b) => KeyOrder.Compare(a.Key, b.Key));
        return records;
    }
}
