using Dapper;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;

namespace SlaTimers.Storage.Sql;

/// <summary>
/// The timer store on either engine. A <c>ticket_timers</c> row holds the due instant its ticket's page wrote
/// and the job recorded for it; a row whose ticket needs no timer any more stays (due instant null) while it
/// still names a job, so the job can be found and deleted.
/// </summary>
internal sealed class SqlTimerStore : ITimerStore
{
    private readonly IStorageDatabase _db;
    private readonly string _unscheduled;
    private readonly string _record;
    private readonly string _overdue;
    private readonly string _obsolete;
    private readonly string _clear;

    public SqlTimerStore(IStorageDatabase db)
    {
        _db = db;
        var p = db.Prefix;
        _unscheduled = $"""
            SELECT source, external_id, due_at, job_id, job_due_at FROM {p}ticket_timers
            WHERE due_at IS NOT NULL AND due_at < @horizon AND (job_id IS NULL OR job_due_at IS NULL OR job_due_at <> due_at)
            ORDER BY due_at, source, external_id LIMIT @limit
            """;
        // Only while the slot still wants a job (or already has this one): of two schedulers racing for the
        // same slot, the second is told false and deletes its job, so a ticket keeps one pending job.
        _record = $"""
            UPDATE {p}ticket_timers SET job_id = @jobId, job_due_at = @dueAt
            WHERE source = @source AND external_id = @externalId AND due_at = @dueAt
                AND (job_id IS NULL OR job_id = @jobId OR job_due_at IS NULL OR job_due_at <> due_at)
            """;
        _overdue = $"""
            SELECT source, external_id, due_at, job_id, job_due_at FROM {p}ticket_timers
            WHERE due_at IS NOT NULL AND due_at < @before AND job_id IS NOT NULL AND job_due_at = due_at
            ORDER BY due_at, source, external_id LIMIT @limit
            """;
        _obsolete = $"""
            SELECT source, external_id, due_at, job_id, job_due_at FROM {p}ticket_timers
            WHERE due_at IS NULL AND job_id IS NOT NULL ORDER BY source, external_id LIMIT @limit
            """;
        _clear = $"""
            UPDATE {p}ticket_timers SET job_id = NULL, job_due_at = NULL WHERE source = @source AND external_id = @externalId AND job_id = @jobId;
            DELETE FROM {p}ticket_timers WHERE source = @source AND external_id = @externalId AND due_at IS NULL AND job_id IS NULL;
            """;
    }

    public async Task<IReadOnlyList<TimerSlot>> GetUnscheduledAsync(Instant horizon, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimerRow>(new CommandDefinition(_unscheduled, new { horizon, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(RecordMapping.ToDueSlot)];
    }

    /// <returns>
    /// False when the due instant changed meanwhile, or another job was recorded for this due instant
    /// first: either way the caller's job is not the ticket's timer and should be deleted.
    /// </returns>
    public async Task<bool> RecordScheduledAsync(TicketKey ticket, Instant dueAt, string jobId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var parameters = new { source = ticket.Source, externalId = ticket.ExternalId, dueAt, jobId };
        return await connection.ExecuteAsync(new CommandDefinition(_record, parameters, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<TimerSlot>> GetOverdueAsync(Instant before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimerRow>(new CommandDefinition(_overdue, new { before, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(RecordMapping.ToDueSlot)];
    }

    /// <remarks>An obsolete slot's <see cref="TimerSlot.DueAt"/> is the instant its job was scheduled for.</remarks>
    public async Task<IReadOnlyList<TimerSlot>> GetObsoleteJobsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimerRow>(new CommandDefinition(_obsolete, new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(RecordMapping.ToObsoleteSlot)];
    }

    public async Task ClearJobAsync(TicketKey ticket, string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { source = ticket.Source, externalId = ticket.ExternalId, jobId };
        await connection.ExecuteAsync(new CommandDefinition(_clear, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
