using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Hangfire;

/// <summary>
/// The <c>Hangfire</c> section: the job server and its storage. Hangfire keeps its jobs in the engine our data is
/// in (<c>Storage:Provider</c>): a SQLite file of its own beside ours, or the schema <see cref="Schema"/> of the
/// PostgreSQL database.
/// </summary>
/// <remarks>
/// Warning latency is the sum of three waits: the delayed-job poll (<see cref="SchedulePollingInterval"/>: a due
/// timer is moved to its queue at the next poll), the queue fetch of the timer job, and the queue fetch of its
/// delivery job. On PostgreSQL a job enqueued by this process wakes this process's idle workers at once, so
/// <see cref="QueuePollInterval"/> only bounds jobs enqueued by another instance. SQLite has no such wake-up:
/// idle workers poll every <see cref="QueuePollInterval"/>, hence its short default.
/// </remarks>
public sealed class HangfireOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>Jobs processed at once by this instance.</summary>
    [Range(1, 200)]
    public int WorkerCount { get; set; } = 10;

    /// <summary>How often due timers (delayed jobs) and recurring jobs are looked for: the main part of warning latency.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often an idle worker looks for an enqueued job (see the remarks). Default: 200 ms on SQLite (a timer and
    /// then its delivery are each fetched by polling), 500 ms on PostgreSQL (an enqueue wakes one waiting worker of
    /// this process at once; the poll picks up the rest of a burst).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")]
    public TimeSpan? QueuePollInterval { get; set; }

    public static readonly TimeSpan SqliteQueuePollInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan PostgresQueuePollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// PostgreSQL: LISTEN/NOTIFY wakes idle workers of every instance at once. Off by default: it holds one more
    /// connection per idle worker and does not work behind PgBouncer in transaction mode; the timer path does not
    /// need it (this process's workers are woken in-process).
    /// </summary>
    public bool EnableLongPolling { get; set; }

    /// <summary>
    /// PostgreSQL: how long a fetched job stays invisible to other instances; with the sliding timeout (always on)
    /// a running job keeps extending it, so this is how soon a crashed instance's jobs are taken over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// PostgreSQL: how long a lock row of Hangfire's own (a job's state change, the delayed-job and recurring-job
    /// schedulers) outlives a holder that died without releasing it. Hangfire holds these for milliseconds and never
    /// refreshes them; its default, 10 minutes, would stall every due timer for that long after a crash.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan DistributedLockLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL: the schema of Hangfire's tables (ours are in <c>slatimers</c>).</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]*$", ErrorMessage = "Hangfire:Schema must be a lower-case SQL identifier, e.g. \"hangfire\".")]
    public string Schema { get; set; } = "hangfire";

    /// <summary>
    /// SQLite: Hangfire's own file. Default: <c>hangfire.db</c> in the folder of our SQLite file
    /// (<c>data/hangfire.db</c>); a relative path is relative to the content root.
    /// </summary>
    public string? SqliteFile { get; set; }

    /// <summary>How long succeeded and deleted jobs stay visible on the dashboard.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan JobExpiration { get; set; } = TimeSpan.FromDays(1);
}
