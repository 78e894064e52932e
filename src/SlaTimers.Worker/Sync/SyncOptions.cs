using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Sync;

/// <summary>The <c>Sync</c> section: how the per-helpdesk sync jobs run (their interval is each helpdesk's <c>PollInterval</c>).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// Pages one run reads at most; the next run, queued at once when there is more, goes on from the stored cursor.
    /// Keeps a run well inside the lock's lifetime, and lets timers and deliveries already queued go first.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPagesPerRun { get; set; } = 20;

    /// <summary>
    /// Whether a page's timers are scheduled while the next page is stored (true), or only while it is read (false).
    /// Default: by engine — true on PostgreSQL, whose writers work side by side; false on SQLite, where the timer
    /// updates would queue behind every page's write lock (busy-waiting) and schedule several times slower.
    /// </summary>
    public bool? TimersBesideStore { get; set; }
}
