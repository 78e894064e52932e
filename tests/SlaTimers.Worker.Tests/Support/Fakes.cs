using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>A Hangfire client that records what it was asked: created jobs and state changes.</summary>
public sealed class FakeJobClient : IBackgroundJobClient
{
    private int _nextId;

    public List<(string Id, Job Job, IState State)> Created { get; } = [];
    public List<(string Id, IState State, string? ExpectedState)> Changes { get; } = [];

    public string Create(Job job, IState state)
    {
        var id = $"job-{Interlocked.Increment(ref _nextId)}";
        lock (Created) Created.Add((id, job, state));
        return id;
    }

    public bool ChangeState(string jobId, IState state, string expectedState)
    {
        lock (Changes) Changes.Add((jobId, state, expectedState));
        return true;
    }

    public IEnumerable<string> Deleted => Changes.Where(c => c.State is DeletedState).Select(c => c.Id);
}

/// <summary>Locks that are always free (one test, one thread).</summary>
public sealed class FreeLocks : IJobLocks
{
    public IDisposable? TryAcquire(string resource, TimeSpan wait) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

/// <summary>The timer table in memory, with the semantics of the SQL store.</summary>
public sealed class FakeTimerStore : ITimerStore
{
    public ConcurrentDictionary<TicketKey, (Instant? DueAt, string? JobId, Instant? JobDueAt)> Rows { get; } = new();

    public void SetDue(TicketKey ticket, Instant? dueAt) =>
        Rows.AddOrUpdate(ticket, (dueAt, null, null), (_, row) => row with { DueAt = dueAt });

    public Task<IReadOnlyList<TimerSlot>> GetUnscheduledAsync(Instant horizon, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimerSlot>>([.. Rows
            .Where(r => r.Value.DueAt is { } due && due < horizon && (r.Value.JobId is null || r.Value.JobDueAt != due))
            .OrderBy(r => r.Value.DueAt)
            .Take(limit)
            .Select(r => new TimerSlot(r.Key, r.Value.DueAt!.Value, r.Value.JobId, r.Value.JobDueAt))]);

    public Task<bool> RecordScheduledAsync(TicketKey ticket, Instant dueAt, string jobId, CancellationToken cancellationToken)
    {
        if (!Rows.TryGetValue(ticket, out var row) || row.DueAt != dueAt) return Task.FromResult(false);
        Rows[ticket] = (dueAt, jobId, dueAt);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<TimerSlot>> GetOverdueAsync(Instant before, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimerSlot>>([.. Rows
            .Where(r => r.Value.DueAt is { } due && due < before && r.Value.JobId is not null && r.Value.JobDueAt == due)
            .OrderBy(r => r.Value.DueAt)
            .Take(limit)
            .Select(r => new TimerSlot(r.Key, r.Value.DueAt!.Value, r.Value.JobId, r.Value.JobDueAt))]);

    public Task<IReadOnlyList<TimerSlot>> GetObsoleteJobsAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimerSlot>>([.. Rows
            .Where(r => r.Value.DueAt is null && r.Value.JobId is not null)
            .Take(limit)
            .Select(r => new TimerSlot(r.Key, Instant.MinValue, r.Value.JobId, r.Value.JobDueAt))]);

    public Task ClearJobAsync(TicketKey ticket, string jobId, CancellationToken cancellationToken)
    {
        if (Rows.TryGetValue(ticket, out var row) && row.JobId == jobId)
        {
            if (row.DueAt is null) Rows.TryRemove(ticket, out _);
            else Rows[ticket] = (row.DueAt, null, null);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Tickets in memory; saving a record also sets its timer's due instant, as the SQL stores do. Every write moves the
/// ticket's version on, and an evaluation is saved only at the version it was read at (stale ones are skipped).
/// </summary>
public sealed class FakeTicketStore(FakeTimerStore timers) : ITicketStore
{
    private readonly Lock _gate = new();

    public ConcurrentDictionary<TicketKey, TicketRecord> Records { get; } = new();

    /// <summary>Stores a record as a sync page does, whatever its version.</summary>
    public void Put(TicketRecord record)
    {
        lock (_gate) Write(record);
    }

    private void Write(TicketRecord record)
    {
        var version = Records.TryGetValue(record.Key, out var stored) ? stored.Version + 1 : 1;
        Records[record.Key] = record with { Version = version };
        timers.SetDue(record.Key, record.NextCheckpointAt);
    }

    public Task<IReadOnlyDictionary<TicketKey, TicketRecord>> GetTicketsAsync(IReadOnlyCollection<TicketKey> keys, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<TicketKey, TicketRecord>>(keys.Where(Records.ContainsKey).Distinct().ToDictionary(k => k, k => Records[k]));

    public Task SavePageAsync(SyncPageWrite page, CancellationToken cancellationToken)
    {
        lock (Pages) Pages.Add(page);
        Cursors[page.Source] = page.NextCursor;
        foreach (var record in page.Tickets) Put(record);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TicketKey>> SaveEvaluationsAsync(IReadOnlyCollection<TicketRecord> tickets, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var missing = tickets.Where(t => !Records.ContainsKey(t.Key)).Select(t => t.Key).ToList();
            if (missing.Count > 0) throw new InvalidOperationException($"Cannot save the evaluation of tickets that are not stored: {string.Join(", ", missing)}.");
            var stale = new List<TicketKey>();
            foreach (var record in tickets)
            {
                if (Records[record.Key].Version == record.Version) Write(record);
                else stale.Add(record.Key);
            }
            lock (Evaluations) Evaluations.Add([.. tickets]);
            return Task.FromResult<IReadOnlyList<TicketKey>>(stale);
        }
    }

    /// <summary>Every call of <see cref="SaveEvaluationsAsync"/>, with what it was given.</summary>
    public List<IReadOnlyList<TicketRecord>> Evaluations { get; } = [];

    public ConcurrentDictionary<string, string?> Cursors { get; } = new();
    public List<(string Source, string Error)> Failures { get; } = [];
    public List<SyncPageWrite> Pages { get; } = [];

    public Task<SyncState?> GetSyncStateAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult(Cursors.TryGetValue(source, out var cursor) ? new SyncState(source, cursor, null, null, null) : null);

    public Task RecordSyncFailureAsync(string source, Instant at, string error, CancellationToken cancellationToken)
    {
        lock (Failures) Failures.Add((source, error));
        return Task.CompletedTask;
    }

    /// <summary>Open tickets (not done, or with an open clock) in ordinal key order, as the SQL stores page them.</summary>
    public Task<IReadOnlyList<TicketRecord>> GetOpenTicketsAsync(TicketKey? after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TicketRecord>>([.. Records.Values
            .Where(r => !r.Ticket.Fields.Status.IsDone() || r.Clocks.Any(c => c.State.IsOpen()))
            .OrderBy(r => r.Key.Source, StringComparer.Ordinal).ThenBy(r => r.Key.ExternalId, StringComparer.Ordinal)
            .Where(r => after is not { } a || string.CompareOrdinal(r.Key.Source, a.Source) > 0
                || (r.Key.Source == a.Source && string.CompareOrdinal(r.Key.ExternalId, a.ExternalId) > 0))
            .Take(limit)]);
}

/// <summary>The notification ledger in memory, with the semantics of the SQL ledger.</summary>
public sealed class FakeLedger : INotificationLedger
{
    public ConcurrentDictionary<string, Notification> Entries { get; } = new();

    /// <summary>When <see cref="TakeLostAsync"/> last took each notification.</summary>
    public ConcurrentDictionary<string, Instant> Requeued { get; } = new();

    /// <summary>Until when each notification's last claim holds.</summary>
    public ConcurrentDictionary<string, Instant> ClaimedUntil { get; } = new();

    public Task<IReadOnlyList<string>> AddIfAbsentAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. notifications
            .Where(n => Entries.TryAdd(n.Key, n with { State = DeliveryState.Pending, Attempts = 0, LastAttemptAt = null })).Select(n => n.Key)]);

    public Task<Notification?> TryClaimAsync(string key, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        if (!Entries.TryGetValue(key, out var n) || !(n.State == DeliveryState.Pending || (n.State == DeliveryState.Sending && ClaimRanOut(key, now))))
        {
            return Task.FromResult<Notification?>(null);
        }
        var claimed = n with { State = DeliveryState.Sending, Attempts = n.Attempts + 1, LastAttemptAt = now, NextAttemptAt = null };
        Entries[key] = claimed;
        ClaimedUntil[key] = now + lease;
        return Task.FromResult<Notification?>(claimed);
    }

    public Task MarkDeliveredAsync(string key, Instant at, CancellationToken cancellationToken)
    {
        Entries[key] = Entries[key] with { State = DeliveryState.Delivered, DeliveredAt = at };
        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(string key, Instant at, string error, Instant? retryAt, CancellationToken cancellationToken)
    {
        var n = Entries[key];
        Entries[key] = n with
        {
            State = retryAt is null ? DeliveryState.Failed : DeliveryState.Pending,
            LastError = error,
            LastAttemptAt = n.State == DeliveryState.Sending ? at : n.LastAttemptAt,
            NextAttemptAt = retryAt,
        };
        return Task.CompletedTask;
    }

    public Task<Notification?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Entries.GetValueOrDefault(key));

    /// <summary>No claim held at <paramref name="now"/> (none recorded: as a NULL <c>claimed_until</c>).</summary>
    private bool ClaimRanOut(string key, Instant now) => !ClaimedUntil.TryGetValue(key, out var until) || until < now;

    public Task<IReadOnlyList<Notification>> TakeLostAsync(Instant now, LostNotificationRules rules, int limit, CancellationToken cancellationToken)
    {
        var (requeuedBefore, retryDueBefore, unscheduledBefore) = (now - rules.RequeueInterval, now - rules.RetryGrace, now - rules.RetryGrace - rules.LongestRetryDelay);
        // Not re-queued within the interval, or an attempt came since (never-tried: none).
        bool NotRequeued(Notification n) => !Requeued.TryGetValue(n.Key, out var at) || at < requeuedBefore || at < n.LastAttemptAt;
        Duration Grace(Notification n) => rules.RecoverAfter + (rules.Digest is { } d && d.Holds(n) ? d.Window : Duration.Zero);
        bool RetryLost(Notification n) => n.NextAttemptAt is { } next
            ? next < retryDueBefore
            : n.DueAt < unscheduledBefore && (n.LastAttemptAt ?? Instant.MinValue) < unscheduledBefore;
        var lost = Entries.Values
            .Where(n => NotRequeued(n) && ((n is { State: DeliveryState.Pending, Attempts: 0 } && n.DueAt < now - Grace(n))
                || (n is { State: DeliveryState.Pending, Attempts: > 0 } && RetryLost(n))
                || (n.State == DeliveryState.Sending && ClaimRanOut(n.Key, now))))
            .OrderBy(n => n.DueAt).ThenBy(n => n.Key, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        foreach (var n in lost) Requeued[n.Key] = now;
        return Task.FromResult<IReadOnlyList<Notification>>(lost);
    }

    public Task<IReadOnlyList<Notification>> GetPendingForRecipientAsync(string recipient, Instant dueBy, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>([.. Entries.Values
            .Where(n => n.State == DeliveryState.Pending && n.DueAt <= dueBy && n.Recipient == recipient)
            .OrderBy(n => n.DueAt).ThenBy(n => n.Key, StringComparer.Ordinal)
            .Take(limit)]);
}
