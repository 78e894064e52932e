using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Timers;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Timers;

public sealed class TimerSchedulerTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _config = WorkerConfig.Create();
    private readonly FakeTimerStore _timers = new();
    private readonly FakeTicketStore _tickets;
    private readonly FakeJobClient _jobs = new();
    private readonly TimerScheduler _scheduler;

    public TimerSchedulerTests()
    {
        _tickets = new FakeTicketStore(_timers);
        _scheduler = new TimerScheduler(_timers, _tickets, _jobs, new ReconcileGate(), new SlaConfigurationHolder(WorkerConfig.Load(_config)),
            new FakeClock(Now), Options.Create(new TimerOptions { Horizon = TimeSpan.FromHours(24) }), NullLogger<TimerScheduler>.Instance);
    }

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Reconcile_ATimerWithinTheHorizon_SchedulesOneTimerJobAtItsInstantAndRecordsIt()
    {
        var record = Evaluated("1", created: Now);

        await _scheduler.ReconcileAsync(CancellationToken.None);

        var (id, job, state) = Assert.Single(_jobs.Created);
        Assert.Equal(nameof(TimerJob.FireAsync), job.Method.Name);
        Assert.Equal(["hd", "1", "Warn 50 % · T-1 · resolution · due 09:00 UTC"], job.Args.Take(3));
        Assert.Equal((Now + Duration.FromSeconds(2)).ToDateTimeUtc(), Assert.IsType<ScheduledState>(state).EnqueueAt);
        Assert.Equal((record.NextCheckpointAt, id, record.NextCheckpointAt), (_timers.Rows[record.Key].DueAt, _timers.Rows[record.Key].JobId, _timers.Rows[record.Key].JobDueAt));
    }

    [Fact]
    public async Task Reconcile_Twice_SchedulesNothingMore()
    {
        Evaluated("1", created: Now);

        await _scheduler.ReconcileAsync(CancellationToken.None);
        await _scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Single(_jobs.Created);
        Assert.Empty(_jobs.Changes);
    }

    [Fact]
    public async Task Reconcile_AMovedTimer_DeletesTheWaitingJobAndSchedulesTheNewInstant()
    {
        var record = Evaluated("1", created: Now);
        await _scheduler.ReconcileAsync(CancellationToken.None);
        var old = _jobs.Created[0].Id;

        _tickets.Put(record with { NextCheckpointAt = Now + Duration.FromSeconds(20) });
        await _scheduler.ReconcileAsync(CancellationToken.None);

        var change = Assert.Single(_jobs.Changes);
        Assert.Equal(old, change.Id);
        Assert.IsType<DeletedState>(change.State);
        // Only a job still waiting is deleted: one already running re-evaluates and does no harm.
        Assert.Equal(ScheduledState.StateName, change.ExpectedState);
        Assert.Equal(2, _jobs.Created.Count);
        Assert.Equal(_jobs.Created[1].Id, _timers.Rows[record.Key].JobId);
    }

    [Fact]
    public async Task Reconcile_ATimerDueNow_EnqueuesTheJobAtOnce()
    {
        var record = Evaluated("1", created: Now);
        _tickets.Put(record with { NextCheckpointAt = Now });

        await _scheduler.ReconcileAsync(CancellationToken.None);

        var (_, job, state) = Assert.Single(_jobs.Created);
        Assert.IsType<EnqueuedState>(state);
        Assert.Equal("timers", job.Method.GetCustomAttribute<QueueAttribute>()!.Queue);
    }

    [Fact]
    public async Task Reconcile_ATimerBeyondTheHorizon_WaitsForIt()
    {
        var record = Evaluated("1", created: Now);
        _tickets.Put(record with { NextCheckpointAt = Now + Duration.FromHours(25) });

        await _scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Empty(_jobs.Created);
    }

    [Fact]
    public async Task Reconcile_ATicketThatNeedsNoTimerAnyMore_DeletesItsJob()
    {
        var record = Evaluated("1", created: Now);
        await _scheduler.ReconcileAsync(CancellationToken.None);
        var old = _jobs.Created[0].Id;

        _tickets.Put(record with { NextCheckpointAt = null }); // solved
        await _scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Equal([old], _jobs.Deleted);
        Assert.False(_timers.Rows.ContainsKey(record.Key));
    }

    [Fact]
    public async Task Reconcile_WhenTheInstantMovesWhileScheduling_DeletesTheStaleJobAndSchedulesTheNewOne()
    {
        var record = Evaluated("1", created: Now);
        var racing = new RacingTimerStore(_timers, () => _timers.SetDue(record.Key, Now + Duration.FromSeconds(30)));
        var scheduler = new TimerScheduler(racing, _tickets, _jobs, new ReconcileGate(), new SlaConfigurationHolder(WorkerConfig.Load(_config)),
            new FakeClock(Now), Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);

        await scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(2, _jobs.Created.Count);
        Assert.Equal([_jobs.Created[0].Id], _jobs.Deleted);
        Assert.Equal((_jobs.Created[1].Id, Now + Duration.FromSeconds(30)), (_timers.Rows[record.Key].JobId, _timers.Rows[record.Key].JobDueAt));
    }

    [Fact]
    public async Task Reconcile_ManyTimers_CreatesAndDeletesTheirJobsSideBySide_OneRecordedJobPerTicket()
    {
        // The lanes block pool threads (as Hangfire's synchronous client does); on a busy 2-core machine running other
        // tests the pool would add them one per half second and the lanes could not overlap within this short test.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 4), completionPorts);
        try
        {
            await ScheduleAndDeleteThirtySideBySideAsync();
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, completionPorts);
        }
    }

    private async Task ScheduleAndDeleteThirtySideBySideAsync()
    {
        var jobs = new SlowJobClient(_jobs);
        var scheduler = new TimerScheduler(_timers, _tickets, jobs, new ReconcileGate(), new SlaConfigurationHolder(WorkerConfig.Load(_config)),
            new FakeClock(Now), Options.Create(new TimerOptions { Horizon = TimeSpan.FromHours(24), ScheduleConcurrency = 4, BatchSize = 10 }),
            NullLogger<TimerScheduler>.Instance);
        var records = Enumerable.Range(1, 30).Select(i => Evaluated($"{i}", created: Now)).ToList();

        await scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(30, _jobs.Created.Count);
        Assert.Equal(_jobs.Created.Select(c => c.Id).Order(), records.Select(r => _timers.Rows[r.Key].JobId).Order());
        Assert.InRange(jobs.MostAtOnce, 2, 4);

        jobs.MostAtOnce = 0;
        foreach (var record in records) _tickets.Put(record with { NextCheckpointAt = null }); // all solved
        await scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Equal(_jobs.Created.Select(c => c.Id).Order(), _jobs.Deleted.Order());
        Assert.Empty(_timers.Rows);
        Assert.InRange(jobs.MostAtOnce, 2, 4);
    }

    [Fact]
    public async Task Reconcile_WithoutScheduleConcurrency_CreatesOneJobAtATime()
    {
        var jobs = new SlowJobClient(_jobs);
        var scheduler = new TimerScheduler(_timers, _tickets, jobs, new ReconcileGate(), new SlaConfigurationHolder(WorkerConfig.Load(_config)),
            new FakeClock(Now), Options.Create(new TimerOptions { Horizon = TimeSpan.FromHours(24) }), NullLogger<TimerScheduler>.Instance);
        foreach (var i in Enumerable.Range(1, 5)) Evaluated($"{i}", created: Now);

        await scheduler.ReconcileAsync(CancellationToken.None);

        Assert.Equal((5, 1), (_jobs.Created.Count, jobs.MostAtOnce));
    }

    private TicketRecord Evaluated(string id, Instant created)
    {
        var record = TicketEvaluation.Evaluate(TestTickets.Make("hd", id, created), created, WorkerConfig.Load(_config).Rules, created, fireForDueNow: true);
        _tickets.Put(record);
        return record;
    }

    /// <summary>A job client whose calls take a while, like Hangfire's round trips, and that counts how many overlap.</summary>
    private sealed class SlowJobClient(FakeJobClient inner) : IBackgroundJobClient
    {
        private int _running;

        public int MostAtOnce { get; set; }

        public string Create(Job job, IState state) => Slowly(() => inner.Create(job, state));

        public bool ChangeState(string jobId, IState state, string expectedState) => Slowly(() => inner.ChangeState(jobId, state, expectedState));

        private T Slowly<T>(Func<T> call)
        {
            var running = Interlocked.Increment(ref _running);
            lock (this) MostAtOnce = Math.Max(MostAtOnce, running);
            Thread.Sleep(50);
            Interlocked.Decrement(ref _running);
            return call();
        }
    }

    /// <summary>A store whose ticket gets a new due instant (a sync page) between reading the slot and recording its job.</summary>
    private sealed class RacingTimerStore(FakeTimerStore inner, Action race) : ITimerStore
    {
        private bool _raced;

        public Task<IReadOnlyList<TimerSlot>> GetUnscheduledAsync(Instant horizon, int limit, CancellationToken cancellationToken) =>
            inner.GetUnscheduledAsync(horizon, limit, cancellationToken);

        public Task<bool> RecordScheduledAsync(TicketKey ticket, Instant dueAt, string jobId, CancellationToken cancellationToken)
        {
            if (!_raced)
            {
                _raced = true;
                race();
            }
            return inner.RecordScheduledAsync(ticket, dueAt, jobId, cancellationToken);
        }

        public Task<IReadOnlyList<TimerSlot>> GetOverdueAsync(Instant before, int limit, CancellationToken cancellationToken) =>
            inner.GetOverdueAsync(before, limit, cancellationToken);

        public Task<IReadOnlyList<TimerSlot>> GetObsoleteJobsAsync(int limit, CancellationToken cancellationToken) => inner.GetObsoleteJobsAsync(limit, cancellationToken);

        public Task ClearJobAsync(TicketKey ticket, string jobId, CancellationToken cancellationToken) => inner.ClearJobAsync(ticket, jobId, cancellationToken);
    }
}
