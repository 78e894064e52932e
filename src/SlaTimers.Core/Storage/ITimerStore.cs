using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Storage;

/// <summary>A ticket whose next checkpoint needs a scheduled timer job, and the job it has (if any).</summary>
public sealed record TimerSlot(TicketKey Ticket, Instant DueAt, string? JobId, Instant? JobDueAt)
{
    /// <summary>True when the scheduled job does not fire at the due instant (missing or stale).</summary>
    public bool NeedsScheduling => JobId is null || JobDueAt != DueAt;
}

/// <summary>
/// Which timer job each ticket has. A ticket's due instant is written with its page (the intent); the job
/// is scheduled after the commit and recorded here, and a recurring reconciler schedules whatever a crash
/// or the horizon left unscheduled. So a timer is never lost between the database and the job queue.
/// </summary>
public interface ITimerStore
{
    /// <summary>Timers due before <paramref name="horizon"/> whose job is missing or stale.</summary>
    Task<IReadOnlyList<TimerSlot>> GetUnscheduledAsync(Instant horizon, int limit, CancellationToken cancellationToken);

    /// <summary>Records the job scheduled for a due instant; ignored if the ticket's due instant changed meanwhile.</summary>
    Task<bool> RecordScheduledAsync(TicketKey ticket, Instant dueAt, string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Timers due before <paramref name="before"/> that still name the job recorded for that instant. A working timer
    /// has fired and moved its ticket on by then, so the job may be lost (deleted on the dashboard, expired).
    /// </summary>
    Task<IReadOnlyList<TimerSlot>> GetOverdueAsync(Instant before, int limit, CancellationToken cancellationToken);

    /// <summary>Timers whose ticket no longer needs one but still has a job (to delete it).</summary>
    Task<IReadOnlyList<TimerSlot>> GetObsoleteJobsAsync(int limit, CancellationToken cancellationToken);

    Task ClearJobAsync(TicketKey ticket, string jobId, CancellationToken cancellationToken);
}
