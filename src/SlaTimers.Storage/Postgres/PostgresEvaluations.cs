using Npgsql;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;
using static SlaTimers.Storage.Postgres.PgParameters;

namespace SlaTimers.Storage.Postgres;

/// <summary>
/// The batched statements that replace tickets' clocks and set their timer rows: each a single statement
/// over arrays (<c>unnest</c>), whatever the number of tickets.
/// </summary>
internal static class PostgresEvaluations
{
    private const string DeleteClocks = """
        DELETE FROM slatimers.clocks c USING unnest($1::text[], $2::text[]) AS k(source, external_id)
        WHERE c.source = k.source AND c.external_id = k.external_id
        """;

    private const string InsertClocks = """
        INSERT INTO slatimers.clocks (source, external_id, clock_key, ordinal, agreement_id, agreement_kind, metric, cycle, state,
            is_open, is_paused, policy_id, priority, calendar_id, started, stopped, stop_reason, used_ticks, budget_ticks,
            deadline, breached_at, checkpoints)
        SELECT source, external_id, clock_key, ordinal, agreement_id, agreement_kind, metric, cycle, state,
            is_open, is_paused, policy_id, priority, calendar_id, started, stopped, stop_reason, used_ticks, budget_ticks,
            deadline, breached_at, checkpoints::json
        FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::text[],
            $10::boolean[], $11::boolean[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::timestamptz[], $17::text[],
            $18::bigint[], $19::bigint[], $20::timestamptz[], $21::timestamptz[], $22::text[])
            AS u(source, external_id, clock_key, ordinal, agreement_id, agreement_kind, metric, cycle, state,
            is_open, is_paused, policy_id, priority, calendar_id, started, stopped, stop_reason, used_ticks, budget_ticks,
            deadline, breached_at, checkpoints)
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

    /// <param name="stored">
    /// The tickets that were stored before (read under lock in the same transaction), when the caller knows them: only
    /// they can have clocks to replace, since clock rows are written only with their ticket. Null: any may have.
    /// </param>
    public static void Add(NpgsqlBatch batch, IReadOnlyList<TicketRecord> records, IReadOnlySet<TicketKey>? stored = null)
    {
        if (records.Count == 0) return;
        var replaced = stored is null ? records : [.. records.Where(r => stored.Contains(r.Key))];
        if (replaced.Count > 0)
        {
            batch.BatchCommands.Add(Command(DeleteClocks, Texts(replaced.Select(r => r.Ticket.Source)), Texts(replaced.Select(r => r.Ticket.ExternalId))));
        }

        var clocks = records
            .SelectMany(r => (r.Clocks.IsDefault ? [] : r.Clocks).Select((c, i) => (Record: r, Clock: ClockColumns.From(c, i))))
            .ToList();
        if (clocks.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                InsertClocks,
                Texts(clocks.Select(c => c.Record.Ticket.Source)),
                Texts(clocks.Select(c => c.Record.Ticket.ExternalId)),
                Texts(clocks.Select(c => c.Clock.ClockKey)),
                Integers(clocks.Select(c => c.Clock.Ordinal)),
                Texts(clocks.Select(c => c.Clock.AgreementId)),
                Texts(clocks.Select(c => c.Clock.AgreementKind)),
                Texts(clocks.Select(c => c.Clock.Metric)),
                Integers(clocks.Select(c => c.Clock.Cycle)),
                Texts(clocks.Select(c => c.Clock.State)),
                Booleans(clocks.Select(c => c.Clock.IsOpen)),
                Booleans(clocks.Select(c => c.Clock.IsPaused)),
                Texts(clocks.Select(c => c.Clock.PolicyId)),
                Texts(clocks.Select(c => c.Clock.Priority)),
                Texts(clocks.Select(c => c.Clock.CalendarId)),
                Timestamps(clocks.Select(c => c.Clock.Started)),
                Timestamps(clocks.Select(c => c.Clock.Stopped)),
                Texts(clocks.Select(c => c.Clock.StopReason)),
                Longs(clocks.Select(c => c.Clock.UsedTicks)),
                Longs(clocks.Select(c => c.Clock.BudgetTicks)),
                Timestamps(clocks.Select(c => c.Clock.Deadline)),
                Timestamps(clocks.Select(c => c.Clock.BreachedAt)),
                Texts(clocks.Select(c => c.Clock.Checkpoints))));
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

        var done = records.Where(r => r.NextCheckpointAt is null).ToList();
        if (done.Count > 0)
        {
            batch.BatchCommands.Add(Command(DropTimers, Texts(done.Select(r => r.Ticket.Source)), Texts(done.Select(r => r.Ticket.ExternalId))));
            batch.BatchCommands.Add(Command(OrphanTimers, Texts(done.Select(r => r.Ticket.Source)), Texts(done.Select(r => r.Ticket.ExternalId))));
        }
    }
}
