using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Timers;

/// <summary>The <c>Timers</c> section: how far ahead timer jobs are scheduled, and the reconciler's batches.</summary>
public sealed class TimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>
    /// Timers due within this time from now get a Hangfire job; later ones are scheduled by the maintenance job
    /// (every minute) as they come within it. Keeps Hangfire's schedule small however far deadlines lie: a
    /// backfill of 100,000 tickets made ~31,000 jobs with 24 h (one at a time, the backfill's bottleneck, and
    /// SQLite's delayed-job polling slowed down under them) and ~2,000 with 1 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after its instant a timer whose job is no longer pending (deleted on the dashboard, expired, failed)
    /// counts as lost; the maintenance job then schedules it again. A working timer has fired within seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LostJobGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its instant a timer counts as lost even though its job still looks pending (scheduled, enqueued,
    /// processing): a job store can strand a job in such a state — Hangfire.Storage.SQLite, whose commits are not atomic,
    /// left a timer job "Enqueued" with no queue row to fetch it — and a timer that trusted the state would never fire.
    /// The timer then gets a new job; should the old one run after all, it re-evaluates the ticket like any timer and
    /// notifies nothing twice (one ledger row per notification). Long enough that a merely busy queue is left alone.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan StuckJobAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a timer may wait past its instant before the worker counts itself behind: <c>/healthz</c> turns
    /// "degraded" and the worker logs a warning each minute it stays so (<see cref="TimerBacklogWatch"/>). A working worker fires within a
    /// second or two; a store that cannot keep up with thousands of timer jobs (SQLite under a large backlog) falls
    /// minutes behind.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many timer jobs are created (or deleted) at the same time. Hangfire's client creates a job in a few round
    /// trips and two commits, synchronously; one at a time, job creation is bound by those waits, not by the
    /// processor — which matters when thousands of timers fall within the horizon at once (a backfill, a changed
    /// calendar). Each slot is a different ticket, so they never contend for one row. Default: by engine — 16 on
    /// PostgreSQL (54,000 jobs in 61 s instead of 115 s); 1 on SQLite, whose one writer only queues them (slower).
    /// </summary>
    [Range(1, 64)]
    public int? ScheduleConcurrency { get; set; }

    public const int PostgresScheduleConcurrency = 16;

    /// <summary>Timers read and scheduled per round of reconciliation.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
