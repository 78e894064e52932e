using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Compliance;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Storage;

/// <summary>
/// What the dashboard, the health check and the metrics read from the store: read-only, each question one
/// round trip, lists capped by the caller. Clocks are as last evaluated (by a sync page, a timer or a reload).
/// </summary>
public interface ISlaQueries
{
    /// <summary>Open clocks that have a deadline (running, or breached and still running), the earliest deadline first.</summary>
    Task<IReadOnlyList<TicketClock>> GetOpenClocksAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Clocks whose deadline was missed in [<paramref name="from"/>, <paramref name="to"/>), the latest breach first.</summary>
    Task<IReadOnlyList<TicketClock>> GetBreachesAsync(Instant from, Instant to, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Every clock that may count in the period [<paramref name="from"/>, <paramref name="to"/>) — decided in it, or
    /// begun before its end and not ended before its start — for <see cref="ComplianceCalculator.Summarize"/>,
    /// which picks the ones that count. Each clock once.
    /// </summary>
    Task<IReadOnlyList<ClockRecord>> GetClocksForPeriodAsync(Instant from, Instant to, CancellationToken cancellationToken);

    /// <summary>Notifications the ledger gave up on (<see cref="DeliveryState.Failed"/>), the latest failure first.</summary>
    Task<IReadOnlyList<FailedNotification>> GetFailedNotificationsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Tickets a sync could not map, the latest first (without their payload).</summary>
    Task<IReadOnlyList<QuarantinedTicket>> GetQuarantineAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Every helpdesk's sync position and health, by name.</summary>
    Task<IReadOnlyList<SyncState>> GetSyncStatesAsync(CancellationToken cancellationToken);

    /// <summary>Open clocks by state, clocks breached since <paramref name="breachedSince"/>, and the ledger by state.</summary>
    Task<SlaCounts> GetCountsAsync(Instant breachedSince, CancellationToken cancellationToken);

    /// <summary>The timers due at or before <paramref name="now"/> that have not fired yet: how many, and since when the longest one waits.</summary>
    Task<TimerBacklog> GetTimerBacklogAsync(Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Notifications not delivered yet that should have been by <paramref name="now"/>: pending or sending, and due — at
    /// their due instant or when recorded, whichever came later, plus the digest window for one of
    /// <paramref name="digest"/>'s kind. Those held on purpose (quiet hours, a digest window still open) are not
    /// counted. See <see cref="DeliveryBacklog"/>.
    /// </summary>
    Task<DeliveryBacklog> GetDeliveryBacklogAsync(Instant now, DigestHold? digest, CancellationToken cancellationToken);
}

/// <summary>A clock with what people know its ticket by.</summary>
public sealed record TicketClock(TicketKey Ticket, string DisplayId, string Subject, string? Link, Clock Clock);

/// <summary>A failed notification, when it failed, and its ticket as people know it (null when the ticket is gone).</summary>
public sealed record FailedNotification(Notification Notification, Instant? FailedAt, string? DisplayId, string? Subject, string? Link);

/// <summary>A payload a sync rejected: which helpdesk, which ticket (when it had an id), why and when.</summary>
public sealed record QuarantinedTicket(long Id, string Source, string? ExternalId, string Reason, Instant At);

/// <summary>Totals for health and metrics. States that have no rows are absent from the dictionaries.</summary>
/// <param name="OpenClocks">Open clocks by state: running, paused, breached and still running.</param>
/// <param name="BreachedSince">Clocks whose breach instant is at or after the instant asked for.</param>
/// <param name="Notifications">The ledger's notifications by state.</param>
public sealed record SlaCounts(
    IReadOnlyDictionary<ClockState, int> OpenClocks,
    int BreachedSince,
    IReadOnlyDictionary<DeliveryState, int> Notifications);

/// <summary>
/// Timers past their instant that have not fired: a working worker has a few, for a second or two (the schedule's
/// polling, a busy queue); a store that cannot keep up with its jobs, or no worker running, shows as minutes. A timer
/// waits since its instant, or since its ticket was evaluated when that came later (a ticket synced with a checkpoint
/// already behind it is due at once, not late by the checkpoint's age).
/// </summary>
/// <param name="Overdue">Timers due at or before the instant asked about.</param>
/// <param name="WaitingSince">The earliest instant one of them has waited since; null when none is overdue.</param>
public sealed record TimerBacklog(int Overdue, Instant? WaitingSince) : Backlog(WaitingSince);

/// <summary>Work that should have been done by now and waits: since when the longest-waiting item has waited.</summary>
/// <param name="WaitingSince">The earliest instant one of them has waited since; null when none waits.</param>
public abstract record Backlog(Instant? WaitingSince)
{
    /// <summary>How long the longest-waiting item has waited at <paramref name="now"/>; zero when none waits.</summary>
    public Duration Lag(Instant now) => WaitingSince is { } since && since < now ? now - since : Duration.Zero;

    /// <summary>Whether the longest-waiting item has waited longer than <paramref name="lateAfter"/> (<c>Timers:LateAfter</c>, <c>Delivery:LateAfter</c>).</summary>
    public bool IsLate(Instant now, Duration lateAfter) => Lag(now) > lateAfter;
}
