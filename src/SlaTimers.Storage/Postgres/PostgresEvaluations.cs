using Npgsql;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;
using static SlaTimers.Storage.Postgres.PgParameters;

namespace SlaTimers.Storage.Postgres;

/// <summary>
/// The writes that replace tickets' clocks and set their timer rows, whatever the number of tickets: statements over
/// arrays (<c>unnest</c>) in the caller's batch, then one binary COPY of the new clock rows.
/// </summary>
internal static class PostgresEvaluations
{
    private const string DeleteClocks = """
        DELETE FROM slatimers.clocks c USING unnest($1::text[], $2::text[]) AS k(source, external_id)
        WHERE c.source = k.source AND c.external_id = k.external_id
        """;

    // Binary COPY, not INSERT … SELECT FROM unnest(arrays): the server takes each row's values as they come instead of
    // expanding 22 parameter arrays, a third or more less server time per clock row (figures in the README). A COPY
    // cannot be part of a batch, so it runs as its own statement after the batch that deleted the replaced clocks.
    private const string CopyClocks = """
        COPY slatimers.clocks (source, external_id, clock_key, ordinal, agreement_id, agreement_kind, metric, cycle, state,
            is_open, is_paused, policy_id, priority, calendar_id, started, stopped, stop_reason, used_ticks, budget_ticks,
            deadline, breached_at, checkpoints) FROM STDIN (FORMAT BINARY)
        """;

    // A new due instant keeps the recorded job: it is then stale (job_due_at differs) until rescheduled.
    private const string UpsertTimers = """
        INSERT INTO slatimers.ticket_timers (source, external_id, due_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
        ON CONFLICT (source, external_id) DO UPDATE SET due_at = excluded.due_at
        """;

    // No timer needed: forget rows without a job; keep those with one (due_at null) until the job is deleted.
    private const string DropTimers = """
        DELETE FROM slatimers.ticket_timers t USING unnest($1::text[], $2::text[]) AS k(source, external_id)
        WHERE t.source = k.source AND t.external_id = k.external_id AND t.job_id IS NULL
        """;

    private const string OrphanTimers = """
        UPDATE slatimers.ticket_timers t SET due_at = NULL FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
        WHERE t.source = k.source AND t.external_id = k.external_id AND t.due_at IS NOT NULL
        """;

    /// <summary>
    /// Adds the statements that delete the replaced clocks and set the timer rows. The new clock rows follow with
    /// <see cref="CopyClocksAsync"/> once this batch ran, in the same transaction.
    /// </summary>
    /// <param name="stored">
    /// The tickets that were stored before (read under lock in the same transaction), when the caller knows them: only
    /// they can have clocks to replace or a timer row to drop, since clock and timer rows are first written only with
    /// their ticket. Null: any may have.
    /// </param>
    public static void Add(NpgsqlBatch batch, IReadOnlyList<TicketRecord> records, IReadOnlySet<TicketKey>? stored = null)
    {
        if (records.Count == 0) return;
        var replaced = stored is null ? records : [.. records.Where(r => stored.Contains(r.Key))];
        if (replaced.Count > 0)
        {
            batch.BatchCommands.Add(Command(DeleteClocks, Texts(replaced.Select(r => r.Ticket.Source)), Texts(replaced.Select(r => r.Ticket.ExternalId))));
        }

        var due = records.Where(r => r.NextCheckpointAt is not null).ToList();
        if (due.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                UpsertTimers,
                Texts(due.Select(r => r.Ticket.Source)),
                Texts(due.Select(r => r.Ticket.ExternalId)),
                Timestamps(due.Select(r => r.NextCheckpointAt))));
        }

        // A ticket stored for the first time has no timer row to drop or orphan: rows are written only with their ticket.
        var done = records.Where(r => r.NextCheckpointAt is null && (stored is null || stored.Contains(r.Key))).ToList();
        if (done.Count > 0)
        {
            batch.BatchCommands.Add(Command(DropTimers, Texts(done.Select(r => r.Ticket.Source)), Texts(done.Select(r => r.Ticket.ExternalId))));
            batch.BatchCommands.Add(Command(OrphanTimers, Texts(done.Select(r => r.Ticket.Source)), Texts(done.Select(r => r.Ticket.ExternalId))));
        }
    }

    /// <summary>Stores the clocks of the records; run after the batch of <see cref="Add"/>, in its transaction.</summary>
    public static async Task CopyClocksAsync(NpgsqlConnection connection, IReadOnlyList<TicketRecord> records, CancellationToken cancellationToken)
    {
        var clocks = records
            .SelectMany(r => (r.Clocks.IsDefault ? [] : r.Clocks).Select((c, i) => (r.Key, Clock: ClockColumns.From(c, i))))
            .ToList();
        if (clocks.Count == 0) return;
        await using var importer = await connection.BeginBinaryImportAsync(CopyClocks, cancellationToken);
        foreach (var (key, clock) in clocks)
        {
            importer.StartRow();
            importer.Text(key.Source);
            importer.Text(key.ExternalId);
            Write(importer, clock);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static void Write(NpgsqlBinaryImporter importer, ClockColumns clock)
    {
        importer.Text(clock.ClockKey);
        importer.Integer(clock.Ordinal);
        importer.Text(clock.AgreementId);
        importer.Text(clock.AgreementKind);
        importer.Text(clock.Metric);
        importer.Integer(clock.Cycle);
        importer.Text(clock.State);
        importer.Boolean(clock.IsOpen);
        importer.Boolean(clock.IsPaused);
        importer.Text(clock.PolicyId);
        importer.Text(clock.Priority);
        importer.Text(clock.CalendarId);
        importer.Timestamp(clock.Started);
        importer.Timestamp(clock.Stopped);
        importer.Text(clock.StopReason);
        importer.Bigint(clock.UsedTicks);
        importer.Bigint(clock.BudgetTicks);
        importer.Timestamp(clock.Deadline);
        importer.Timestamp(clock.BreachedAt);
        importer.Json(clock.Checkpoints);
    }
}
