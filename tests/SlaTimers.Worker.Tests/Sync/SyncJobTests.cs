using System.Collections.Immutable;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Sync;

public sealed class SyncJobTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _config = WorkerConfig.Create();
    private readonly FakeTimerStore _timers = new();
    private readonly FakeTicketStore _tickets;
    private readonly FakeJobClient _jobs = new();
    private readonly Backoff _backoff = new();
    private readonly Source _source = new();
    private readonly FakeClock _clock = new(Now);
    private readonly SyncJob _job;

    public SyncJobTests()
    {
        _tickets = new FakeTicketStore(_timers);
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var scheduler = new TimerScheduler(_timers, _tickets, _jobs, new ReconcileGate(), holder, _clock, Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);
        _job = new SyncJob(_source, _tickets, holder, scheduler, new FreeLocks(), _backoff, _jobs, _clock,
            Options.Create(new SyncOptions { MaxPagesPerRun = 3 }), NullLogger<SyncJob>.Instance);
    }

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Run_StoresEachPageWithItsCursorAndSchedulesTheTimers()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "2", Now)));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.Equal([null, "c1"], _source.Cursors);
        Assert.Equal(["c1", "c2"], _tickets.Pages.Select(p => p.NextCursor));
        Assert.Equal("c2", _tickets.Cursors["hd"]);
        Assert.Equal(2, _jobs.Created.Count(j => j.Job.Type == typeof(TimerJob)));
    }

    [Fact]
    public async Task Run_StopsAfterItsPagesPerRun_AndQueuesTheNextRunAtOnce()
    {
        for (var i = 0; i < 5; i++) _source.Pages.Enqueue(Page($"c{i}", end: false));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.Equal(3, _tickets.Pages.Count);
        Assert.Equal(2, _source.Pages.Count);
        var (_, job, state) = Assert.Single(_jobs.Created, c => c.Job.Type == typeof(SyncJob));
        Assert.Equal("hd", job.Args[0]);
        Assert.IsType<EnqueuedState>(state);
    }

    [Fact]
    public async Task Run_AtTheEndOfTheStream_QueuesNoNextRun()
    {
        _source.Pages.Enqueue(Page("c1", end: false));
        _source.Pages.Enqueue(Page("c2", end: true));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.DoesNotContain(_jobs.Created, c => c.Job.Type == typeof(SyncJob));
    }

    [Fact]
    public async Task Run_WhenTheHelpdeskSaysMoreWithoutMovingItsCursor_LeavesTheNextRunToTheSchedule()
    {
        _tickets.Cursors["hd"] = "same";
        for (var i = 0; i < 3; i++) _source.Pages.Enqueue(Page("same", end: false));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.Equal(3, _tickets.Pages.Count);
        Assert.DoesNotContain(_jobs.Created, c => c.Job.Type == typeof(SyncJob));
    }

    [Fact]
    public async Task Run_QueuesTheNextRunOnlyAfterItLetGoOfTheLock()
    {
        var locks = new WatchedLocks();
        var jobs = new LockCheckingJobs(locks);
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var scheduler = new TimerScheduler(_timers, _tickets, jobs, new ReconcileGate(), holder, _clock, Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);
        var job = new SyncJob(_source, _tickets, holder, scheduler, locks, _backoff, jobs, _clock,
            Options.Create(new SyncOptions { MaxPagesPerRun = 1 }), NullLogger<SyncJob>.Instance);
        _source.Pages.Enqueue(Page("c1", end: false));

        await job.RunAsync("hd", CancellationToken.None);

        var (type, heldThen) = Assert.Single(jobs.Created, c => c.Type == typeof(SyncJob));
        Assert.False(heldThen, "the next run was queued while this one still held the lock, so it would skip");
    }

    [Fact]
    public async Task Run_WhenRateLimited_RecordsIt_SchedulesOneRunAfterTheWaitAndReturns()
    {
        _source.Pages.Enqueue(Page("c1", end: false));
        _source.Failure = new HelpdeskRateLimitedException("hd", Duration.FromSeconds(90));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.Single(_tickets.Pages); // the page before the 429 is kept
        Assert.Contains("rate limiting", Assert.Single(_tickets.Failures).Error);
        Assert.Equal(Now + Duration.FromSeconds(90), _backoff.Until["hd"]);
        var (_, job, state) = Assert.Single(_jobs.Created);
        Assert.Equal((typeof(SyncJob), "hd"), (job.Type, job.Args[0]));
        Assert.Equal(Now.ToDateTimeUtc().AddSeconds(90), Assert.IsType<ScheduledState>(state).EnqueueAt);
    }

    [Fact]
    public async Task Run_WhileTheHelpdeskAskedToWait_SkipsWithoutCallingIt()
    {
        _backoff.Until["hd"] = Now + Duration.FromSeconds(60);
        _source.Pages.Enqueue(Page("c1", end: true));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.Empty(_source.Cursors);
    }

    [Fact]
    public async Task Run_WhenTheCredentialsAreRefused_RecordsItAndFailsTheJob()
    {
        _source.Failure = new HelpdeskAuthenticationException("hd", "401 Unauthorized");

        await Assert.ThrowsAsync<HelpdeskAuthenticationException>(() => _job.RunAsync("hd", CancellationToken.None));

        Assert.Contains("401 Unauthorized", Assert.Single(_tickets.Failures).Error);
        Assert.Empty(_jobs.Created);
    }

    [Fact]
    public async Task Run_ReadsTheNextPageWhileItStoresThisOne()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "2", Now)));
        // Page c1 is stored only once the read of the page after it has begun.
        var store = new InterruptedTicketStore(_tickets, beforePage: async page =>
        {
            if (page.NextCursor == "c1") await _source.SecondRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        });

        await NewJob(store).RunAsync("hd", CancellationToken.None);

        Assert.Equal([null, "c1"], _source.Cursors);
        Assert.Equal(["c1", "c2"], _tickets.Pages.Select(p => p.NextCursor));
        Assert.Equal("c2", _tickets.Cursors["hd"]);
        Assert.Equal(2, _jobs.Created.Count(j => j.Job.Type == typeof(TimerJob)));
    }

    [Fact]
    public async Task Run_BuildsTheNextPageWhileThisOneIsSaved_WhenTheyShareNoTicket()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: false, TestTickets.Make("hd", "2", Now)));
        _source.Pages.Enqueue(Page("c3", end: true, TestTickets.Make("hd", "3", Now)));
        var secondBuilt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Page c1's save goes on only once page c2's stored tickets are being read, i.e. c2 is being built.
        var store = new InterruptedTicketStore(_tickets,
            beforePage: async page =>
            {
                if (page.NextCursor == "c1") await secondBuilt.Task.WaitAsync(TimeSpan.FromSeconds(10));
            },
            beforeGet: keys =>
            {
                if (keys.Contains(new TicketKey("hd", "2"))) secondBuilt.TrySetResult();
            });

        await NewJob(store).RunAsync("hd", CancellationToken.None);

        Assert.Equal(["c1", "c2", "c3"], _tickets.Pages.Select(p => p.NextCursor));
        Assert.Equal(["2"], _tickets.Pages[1].Tickets.Select(t => t.Ticket.ExternalId));
        Assert.Equal("c3", _tickets.Cursors["hd"]);
    }

    [Fact]
    public async Task Run_WhenTheConfigurationIsReplacedWhileAPageIsBuiltAhead_BuildsItAgainWithTheNewOne()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "2", Now)));
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var builtAhead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readsOfTheSecondPage = 0;
        // Page c2 is being built beside c1's save when a reload replaces the configuration, before c1's save goes on.
        var store = new InterruptedTicketStore(_tickets,
            beforePage: async page =>
            {
                if (page.NextCursor != "c1") return;
                await builtAhead.Task.WaitAsync(TimeSpan.FromSeconds(10));
                holder.Replace(WorkerConfig.Load(_config));
            },
            beforeGet: keys =>
            {
                if (!keys.Contains(new TicketKey("hd", "2"))) return;
                Interlocked.Increment(ref readsOfTheSecondPage);
                builtAhead.TrySetResult();
            });

        await NewJob(store, holder).RunAsync("hd", CancellationToken.None);

        Assert.Equal(2, readsOfTheSecondPage);
        Assert.Equal(["c1", "c2"], _tickets.Pages.Select(p => p.NextCursor));
    }

    [Fact]
    public async Task Run_WhenTheNextPageSharesATicket_BuildsItOnlyAfterThisOneIsSaved()
    {
        var reply = Now + Duration.FromHours(1);
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "1", Now, later: TicketEvent.Reply(reply, id: "1-reply"))));
        var pagesSavedAtEachRead = new List<int>();
        // Page c1 is saved only after page c2 has been read, so c2 could be built during the save if it were allowed.
        var store = new InterruptedTicketStore(_tickets,
            beforePage: async page =>
            {
                if (page.NextCursor != "c1") return;
                await _source.SecondRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(200);
            },
            beforeGet: _ =>
            {
                lock (_tickets.Pages) pagesSavedAtEachRead.Add(_tickets.Pages.Count);
            });

        await NewJob(store).RunAsync("hd", CancellationToken.None);

        Assert.Equal([0, 1], pagesSavedAtEachRead);
        var timeline = _tickets.Pages[1].Tickets.Single().Ticket.Timeline;
        Assert.Equal(["1-created", "1-reply"], timeline.Select(e => e.Id));
    }

    [Fact]
    public async Task Run_WhenThePageBuiltAheadCannotBeRead_RecordsTheFailureAndKeepsTheCursorOfTheSavedPage()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "2", Now)));
        // Page c2 is read before page c1's save goes on, so it is built ahead, beside that save.
        var store = new InterruptedTicketStore(_tickets,
            beforePage: async page =>
            {
                if (page.NextCursor == "c1") await _source.SecondRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
            },
            beforeGet: keys =>
            {
                if (keys.Contains(new TicketKey("hd", "2"))) throw new TimeoutException("database gone");
            });

        await Assert.ThrowsAsync<TimeoutException>(() => NewJob(store).RunAsync("hd", CancellationToken.None));

        Assert.Equal(["c1"], _tickets.Pages.Select(p => p.NextCursor));
        Assert.Equal("c1", _tickets.Cursors["hd"]);
        Assert.Contains("TimeoutException: database gone", Assert.Single(_tickets.Failures).Error);
    }

    [Fact]
    public async Task Run_WhenAPageCannotBeStored_FailsWithoutMovingTheCursorAndStopsTheReadAhead()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.HoldSecondRead = true;
        var store = new InterruptedTicketStore(_tickets, beforePage: _ => throw new InvalidOperationException("disk full"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => NewJob(store).RunAsync("hd", CancellationToken.None));

        Assert.Empty(_tickets.Pages);
        Assert.False(_tickets.Cursors.ContainsKey("hd"));
        Assert.Contains("disk full", Assert.Single(_tickets.Failures).Error);
        Assert.True(_source.SecondReadCancelled);
        Assert.Empty(_jobs.Created);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_WhenTheConfigurationIsReplacedAfterAPageWasBuilt_QueuesTheReevaluationAgainOnceItIsStored(bool builtAhead)
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "2", Now)));
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var pageTwoRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cursorWhenQueued = new List<string?>();
        var jobs = new ReevaluationWatchingJobs(_jobs, () => cursorWhenQueued.Add(_tickets.Cursors.GetValueOrDefault("hd")));
        // The reload lands while a page is saved: after it was built with the old rules, before it commits. (Page c2
        // is either built beside c1's save — read before that save goes on — or after it, with the new rules.)
        var store = new InterruptedTicketStore(_tickets,
            beforePage: async page =>
            {
                if (page.NextCursor == "c1" && builtAhead) await pageTwoRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
                if (page.NextCursor == (builtAhead ? "c2" : "c1")) holder.Replace(WorkerConfig.Load(_config));
            },
            beforeGet: keys =>
            {
                if (keys.Contains(new TicketKey("hd", "2"))) pageTwoRead.TrySetResult();
            });

        await NewJob(store, holder, jobs).RunAsync("hd", CancellationToken.None);

        // Once, after the page stored across the reload committed — and not for the page built with the new rules.
        Assert.Equal([builtAhead ? "c2" : "c1"], cursorWhenQueued);
        Assert.Equal(["c1", "c2"], _tickets.Pages.Select(p => p.NextCursor));
    }

    [Fact]
    public async Task Run_WithTheConfigurationUnchanged_QueuesNoReevaluation()
    {
        _source.Pages.Enqueue(Page("c1", end: false, TestTickets.Make("hd", "1", Now)));
        _source.Pages.Enqueue(Page("c2", end: true, TestTickets.Make("hd", "2", Now)));

        await _job.RunAsync("hd", CancellationToken.None);

        Assert.DoesNotContain(_jobs.Created, c => c.Job.Type == typeof(ReevaluateOpenTicketsJob));
    }

    private SyncJob NewJob(ITicketStore store, SlaConfigurationHolder? holder = null, IBackgroundJobClient? jobs = null)
    {
        holder ??= new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var scheduler = new TimerScheduler(_timers, _tickets, _jobs, new ReconcileGate(), holder, _clock, Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);
        return new SyncJob(_source, store, holder, scheduler, new FreeLocks(), _backoff, jobs ?? _jobs, _clock,
            Options.Create(new SyncOptions { MaxPagesPerRun = 3 }), NullLogger<SyncJob>.Instance);
    }

    private static TicketPage Page(string cursor, bool end, params Ticket[] tickets) => new([.. tickets], ImmutableArray<RejectedTicket>.Empty, cursor, end);

    private sealed class Source : ITicketSource, ITicketSourceRegistry
    {
        public Queue<TicketPage> Pages { get; } = new();
        public List<string?> Cursors { get; } = [];
        public Exception? Failure { get; set; }

        /// <summary>Completed when the second read begins.</summary>
        public TaskCompletionSource SecondRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The second read waits until it is cancelled.</summary>
        public bool HoldSecondRead { get; set; }

        public bool SecondReadCancelled { get; private set; }

        public string Name => "hd";
        public IReadOnlyList<HelpdeskDescriptor> Helpdesks => [new("hd", "demo", TimeSpan.FromMinutes(1))];

        public ITicketSource Get(string name) => this;

        public async Task<TicketPage> ReadChangesAsync(string? cursor, CancellationToken cancellationToken)
        {
            if (Cursors.Count == 1)
            {
                SecondRead.TrySetResult();
                if (HoldSecondRead)
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        SecondReadCancelled = true;
                        throw;
                    }
                }
            }
            if (Pages.Count == 0) throw Failure ?? new InvalidOperationException("The test gave no more pages.");
            Cursors.Add(cursor);
            return Pages.Dequeue();
        }
    }

    /// <summary>The fake store, with a hook that runs before each page is saved.</summary>

    /// <summary>One lock, and whether it is held now.</summary>
    private sealed class WatchedLocks : IJobLocks
    {
        public bool Held { get; private set; }

        public IDisposable? TryAcquire(string resource, TimeSpan wait)
        {
            if (Held) return null;
            Held = true;
            return new Release(this);
        }

        private sealed class Release(WatchedLocks locks) : IDisposable
        {
            public void Dispose() => locks.Held = false;
        }
    }

    /// <summary>Records each job created with whether the sync lock was held at that moment.</summary>
    private sealed class LockCheckingJobs(WatchedLocks locks) : IBackgroundJobClient
    {
        public List<(Type Type, bool LockHeld)> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            lock (Created) Created.Add((job.Type, locks.Held));
            return $"job-{Created.Count}";
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }

    /// <summary>Hangfire's client (the fake), calling back when a re-evaluation of the open tickets is queued.</summary>
    private sealed class ReevaluationWatchingJobs(FakeJobClient inner, Action queued) : IBackgroundJobClient
    {
        public string Create(Job job, IState state)
        {
            if (job.Type == typeof(ReevaluateOpenTicketsJob)) queued();
            return inner.Create(job, state);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }

    private sealed class Backoff : ISyncBackoff
    {
        public Dictionary<string, Instant> Until { get; } = [];

        public Instant? Get(string helpdesk) => Until.TryGetValue(helpdesk, out var until) ? until : null;

        public void Set(string helpdesk, Instant until) => Until[helpdesk] = until;
    }
}
