using Microsoft.Data.Sqlite;
using SlaTimers.Core.Storage;
using SlaTimers.Storage.Records;
using static SlaTimers.Storage.Sqlite.SqliteValues;

namespace SlaTimers.Storage.Sqlite;

/// <summary>Replaces tickets' clocks and sets their timer rows, with statements prepared once per transaction.</summary>
internal sealed class SqliteEvaluations : IDisposable
{
    private readonly SqliteStatement _deleteClocks;
    private readonly SqliteStatement _insertClock;
    private readonly SqliteStatement _upsertTimer;
    private readonly SqliteStatement _dropTimer;
    private readonly SqliteStatement _orphanTimer;

    public SqliteEvaluations(SqliteConnection connection, SqliteTransaction transaction)
    {
        _deleteClocks = new(connection, transaction, "DELETE FROM clocks WHERE source = $1 AND external_id = $2", 2);
        _insertClock = new(connection, transaction, """
            INSERT INTO clocks (source, external_id, clock_key, ordinal, agreement_id, agreement_kind, metric, cycle, state,
                is_open, is_paused, policy_id, priority, calendar_id, started, stopped, stop_reason, used_ticks, budget_ticks,
                deadline, breached_at, checkpoints)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
            """, 22);
        // A new due instant keeps the recorded job: it is then stale (job_due_at differs) until rescheduled.
        _upsertTimer = new(connection, transaction, """
            INSERT INTO ticket_timers (source, external_id, due_at) VALUES ($1, $2, $3)
            ON CONFLICT (source, external_id) DO UPDATE SET due_at = excluded.due_at
            """, 3);
        // No timer needed: forget a row without a job; keep one with a job (due_at null) until the job is deleted.
        _dropTimer = new(connection, transaction, "DELETE FROM ticket_timers WHERE source = $1 AND external_id = $2 AND job_id IS NULL", 2);
        _orphanTimer = new(connection, transaction,
            "UPDATE ticket_timers SET due_at = NULL WHERE source = $1 AND external_id = $2 AND due_at IS NOT NULL", 2);
    }

    /// <param name="wasStored">
    /// False for a ticket stored for the first time in this transaction: it has no clocks to replace, since clock rows
    /// are written only with their ticket.
    /// </param>
    public void Write(TicketRecord record, bool wasStored = true)
    {
        var (source, id) = (record.Ticket.Source, record.Ticket.ExternalId);
        if (wasStored) _deleteClocks.Execute(source, id);
        var clocks = record.Clocks.IsDefault ? [] : record.Clocks;
        for (var i = 0; i < clocks.Length; i++)
        {
            var c = ClockColumns.From(clocks[i], i);
            _insertClock.Execute(
                source, id, c.ClockKey, c.Ordinal, c.AgreementId, c.AgreementKind, c.Metric, c.Cycle, c.State,
                Flag(c.IsOpen), Flag(c.IsPaused), c.PolicyId, c.Priority, c.CalendarId, Micros(c.Started), Micros(c.Stopped), c.StopReason,
                c.UsedTicks, c.BudgetTicks, Micros(c.Deadline), Micros(c.BreachedAt), c.Checkpoints);
        }
        if (record.NextCheckpointAt is { } due)
        {
            _upsertTimer.Execute(source, id, Micros(due));
        }
        else
        {
            _dropTimer.Execute(source, id);
            _orphanTimer.Execute(source, id);
        }
    }

    public void Dispose()
    {
        _deleteClocks.Dispose();
        _insertClock.Dispose();
        _upsertTimer.Dispose();
        _dropTimer.Dispose();
        _orphanTimer.Dispose();
    }
}
