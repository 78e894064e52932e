using Dapper;
using NodaTime;
using SlaTimers.Core.Compliance;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;
using SlaTimers.Storage.Sql;

namespace SlaTimers.Storage.Queries;

/// <summary>
/// The dashboard's questions on either engine (the SQL is the same on both). The at-risk and breach lists use the
/// partial indexes <c>clocks_open_by_deadline</c> and <c>clocks_breached_at</c>; compliance, the failed-notification
/// list and the ledger counts scan their table, which is fine at dashboard rates.
/// </summary>
internal sealed class SqlSlaQueries : ISlaQueries
{
    private const string ClockList =
        "c.source, c.external_id, c.ordinal, c.agreement_id, c.agreement_kind, c.metric, c.cycle, c.state, c.is_paused, c.policy_id, "
        + "c.priority, c.calendar_id, c.started, c.stopped, c.stop_reason, c.used_ticks, c.budget_ticks, c.deadline, c.breached_at, c.checkpoints";

    private const string NotificationList =
        "n.key, n.source, n.external_id, n.clock_key, n.checkpoint_key, n.recipient, n.channel, n.due_at, n.state, n.attempts, n.delivered_at, n.last_error";

    private readonly IStorageDatabase _db;
    private readonly string _openClocks;
    private readonly string _breaches;
    private readonly string _periodClocks;
    private readonly string _failed;
    private readonly string _quarantine;
    private readonly string _syncStates;
    private readonly string _counts;
    private readonly string _timerBacklog;

    public SqlSlaQueries(IStorageDatabase db)
    {
        QueryMapping.Register();
        _db = db;
        var p = db.Prefix;
        var withTicket = $"""
            SELECT {ClockList}, t.display_id, t.subject, t.link
            FROM {p}clocks c JOIN {p}tickets t ON t.source = c.source AND t.external_id = c.external_id
            """;
        _openClocks = $"""
            {withTicket}
            WHERE c.is_open AND c.deadline IS NOT NULL
            ORDER BY c.deadline, c.source, c.external_id, c.ordinal LIMIT @limit
            """;
        _breaches = $"""
            {withTicket}
            WHERE c.breached_at >= @from AND c.breached_at < @to
            ORDER BY c.breached_at DESC, c.source, c.external_id, c.ordinal LIMIT @limit
            """;
        // Decided in the period (met at its stop, breached at its breach), or open at its end: begun before the end
        // and not ended (breached, stopped or cancelled) before the start. The calculator decides the rest.
        _periodClocks = $"""
            SELECT {ClockList} FROM {p}clocks c
            WHERE c.started < @to AND (COALESCE(c.breached_at, c.stopped) IS NULL OR COALESCE(c.breached_at, c.stopped) >= @from)
            ORDER BY c.source, c.external_id, c.ordinal
            """;
        _failed = $"""
            SELECT {NotificationList}, n.failed_at, t.display_id, t.subject, t.link
            FROM {p}notifications n LEFT JOIN {p}tickets t ON t.source = n.source AND t.external_id = n.external_id
            WHERE n.state = '{DeliveryStates.Failed}'
            ORDER BY n.failed_at DESC, n.key LIMIT @limit
            """;
        _quarantine = $"SELECT id, source, external_id, reason, at FROM {p}quarantine ORDER BY at DESC, id DESC LIMIT @limit";
        _syncStates = $"SELECT source, cursor, last_success, last_attempt, last_error FROM {p}sync_state ORDER BY source";
        _counts = $"""
            SELECT state, COUNT(*) FROM {p}clocks WHERE is_open GROUP BY state;
            SELECT COUNT(*) FROM {p}clocks WHERE breached_at >= @since;
            SELECT state, COUNT(*) FROM {p}notifications GROUP BY state;
            """;
        // The overdue timers through ticket_timers_due (normally a handful), each joined to its ticket by key.
        _timerBacklog = $"""
            SELECT COUNT(*) AS overdue, MIN(CASE WHEN t.evaluated_at > tt.due_at THEN t.evaluated_at ELSE tt.due_at END) AS waiting_since
            FROM {p}ticket_timers tt JOIN {p}tickets t ON t.source = tt.source AND t.external_id = tt.external_id
            WHERE tt.due_at IS NOT NULL AND tt.due_at <= @now
            """;
    }

    public Task<IReadOnlyList<TicketClock>> GetOpenClocksAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryTicketClocksAsync(_openClocks, new { limit }, cancellationToken);
    }

    public Task<IReadOnlyList<TicketClock>> GetBreachesAsync(Instant from, Instant to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryTicketClocksAsync(_breaches, new { from, to, limit }, cancellationToken);
    }

    public async Task<IReadOnlyList<ClockRecord>> GetClocksForPeriodAsync(Instant from, Instant to, CancellationToken cancellationToken)
    {
        if (to <= from) throw new ArgumentException($"The period must end after it starts: {from} .. {to}.", nameof(to));
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClockRow>(new CommandDefinition(_periodClocks, new { from, to }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ClockRecord(r.Source, r.ExternalId, RecordMapping.ToClock(r)))];
    }

    public async Task<IReadOnlyList<FailedNotification>> GetFailedNotificationsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow, FailureRow, FailedNotification>(
            new CommandDefinition(_failed, new { limit }, cancellationToken: cancellationToken),
            (n, f) => new FailedNotification(RecordMapping.ToNotification(n), f.FailedAt, f.DisplayId, f.Subject, f.Link),
            splitOn: "failed_at");
        return [.. rows];
    }

    public async Task<IReadOnlyList<QuarantinedTicket>> GetQuarantineAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QuarantineRow>(new CommandDefinition(_quarantine, new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new QuarantinedTicket(r.Id, r.Source, r.ExternalId, r.Reason, r.At))];
    }

    public async Task<IReadOnlyList<SyncState>> GetSyncStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SyncStateRow>(new CommandDefinition(_syncStates, cancellationToken: cancellationToken));
        return [.. rows.Select(RecordMapping.ToSyncState)];
    }

    public async Task<SlaCounts> GetCountsAsync(Instant breachedSince, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(_counts, new { since = breachedSince }, cancellationToken: cancellationToken));
        var clocks = (await grid.ReadAsync<(string State, long Count)>()).ToDictionary(r => ClockColumns.ParseState(r.State), r => checked((int)r.Count));
        var breached = checked((int)await grid.ReadSingleAsync<long>());
        var notifications = (await grid.ReadAsync<(string State, long Count)>()).ToDictionary(r => DeliveryStates.Parse(r.State), r => checked((int)r.Count));
        return new SlaCounts(clocks, breached, notifications);
    }

    public async Task<TimerBacklog> GetTimerBacklogAsync(Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Overdue, Instant? WaitingSince)>(new CommandDefinition(_timerBacklog, new { now }, cancellationToken: cancellationToken));
        return new TimerBacklog(checked((int)row.Overdue), row.WaitingSince);
    }

    /// <summary>
    /// The statement of <see cref="GetDeliveryBacklogAsync"/>. A row waits from its due instant or its recording, whichever came
    /// later (<c>base</c>); one of the digest's kind a window longer, so it is compared with <c>@digestNow</c> = now −
    /// window and its window added back in code. A digestible row held for quiet hours goes at its due instant, so it
    /// counts a window late — the signal errs towards silence, never a false alarm. Served by the partial index on
    /// undelivered rows.
    /// </summary>
    private string DeliveryBacklogStatement(DigestHold? digest)
    {
        var kind = DigestSql.Condition(digest) is { } digestible ? $"CASE WHEN {digestible} THEN 1 ELSE 0 END" : "0";
        return $"""
            SELECT COUNT(*) AS waiting, COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) AS retrying,
                MIN(CASE WHEN digest = 0 THEN base END) AS plain_since, MIN(CASE WHEN digest = 1 THEN base END) AS digest_base
            FROM (SELECT attempts, CASE WHEN recorded_at > due_at THEN recorded_at ELSE due_at END AS base, {kind} AS digest
                  FROM {_db.Prefix}notifications WHERE state IN ('pending', 'sending')) n
            WHERE (digest = 0 AND base <= @now) OR (digest = 1 AND base <= @digestNow)
            """;
    }

    public async Task<DeliveryBacklog> GetDeliveryBacklogAsync(Instant now, DigestHold? digest, CancellationToken cancellationToken)
    {
        digest?.Validate();
        var parameters = new DynamicParameters(new { now, digestNow = now - (digest?.Window ?? Duration.Zero) });
        if (digest is not null) DigestSql.AddParameters(parameters, digest);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Waiting, long Retrying, Instant? PlainSince, Instant? DigestBase)>(
            new CommandDefinition(DeliveryBacklogStatement(digest), parameters, cancellationToken: cancellationToken));
        var digestSince = row.DigestBase + digest?.Window;
        var since = (row.PlainSince, digestSince) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            (var a, var b) => a ?? b,
        };
        return new DeliveryBacklog(checked((int)row.Waiting), checked((int)row.Retrying), since);
    }

    private async Task<IReadOnlyList<TicketClock>> QueryTicketClocksAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClockRow, TicketHeadRow, TicketClock>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            (c, t) => new TicketClock(new TicketKey(c.Source, c.ExternalId), t.DisplayId ?? c.ExternalId, t.Subject ?? "", t.Link, RecordMapping.ToClock(c)),
            splitOn: "display_id");
        return [.. rows];
    }
}
