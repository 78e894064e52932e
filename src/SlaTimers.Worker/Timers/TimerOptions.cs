using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Timers;

/// <summary>The <c>Timers</c> section: how far ahead timer jobs are scheduled, and the reconciler's batches.</summary>
public sealed class TimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>
    /// Timers due within this time from now get a Hangfire job; later ones are scheduled by the maintenance job
    /// (every minute) as they come within it. Keeps Hangfire's schedule small however far deadlines lie.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Timers read and scheduled per round of reconciliation.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
