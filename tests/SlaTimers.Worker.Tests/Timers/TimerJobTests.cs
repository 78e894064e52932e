using System.Reflection;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Timers;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Timers;

public sealed class TimerJobTests : IDisposable
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _config = WorkerConfig.Create();
    private readonly FakeTimerStore _timers = new();
    private readonly FakeTicketStore _tickets;
    private readonly FakeLedger _ledger = new();
    private readonly FakeJobClient _jobs = new();
    private readonly FakeClock _clock = new(Created);
    private readonly SlaConfigurationHolder _holder;
    private readonly TimerJob _job;

    /// <summary>Runs before each save of an evaluation, with the number of saves before it: a sync page committing then.</summary>
    private Func<int, Task> _beforeSave = _ => Task.CompletedTask;

    public TimerJobTests()
    {
        _tickets = new FakeTicketStore(_timers);
        _holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var scheduler = new TimerScheduler(_timers, _tickets, _jobs, new ReconcileGate(), _holder, _clock, Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);
        var notifier = new CheckpointNotifier(_ledger, _jobs, new PickupChannelStrategy(), Options.Create(new DeliveryOptions()), NullLogger<CheckpointNotifier>.Instance);
        var tickets = new InterruptedTicketStore(_tickets, count => _beforeSave(count));
        _job = new TimerJob(tickets, _timers, scheduler, notifier, _holder, _clock, NullLogger<TimerJob>.Instance);
    }

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Fire_AtTheCheckpoint_AddsTheNotificationAndQueuesOneDelivery()
    {
        var key = Store(TestTickets.Make("hd", "1", Created));
        _clock.Reset(Created + Duration.FromSeconds(2));

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        var notification = Assert.Single(_ledger.Entries.Values);
        Assert.Equal(Notification.MakeKey(key, WorkerConfig.ClockKey, WorkerConfig.CheckpointKey, "person:ann"), notification.Key);
        Assert.Equal("pickup", notification.Channel);
        Assert.Equal(Created + Duration.FromSeconds(2), notification.DueAt);
        var delivery = Assert.Single(_jobs.Created, j => j.Job.Type == typeof(DeliveryJob));
        Assert.Equal([notification.Key, "Warn 50 % · T-1 · resolution · due 09:00 UTC → Ann Agent"], delivery.Job.Args.Take(2));
        Assert.IsType<EnqueuedState>(delivery.State);
        Assert.Equal("delivery", delivery.Job.Method.GetCustomAttribute<QueueAttribute>()!.Queue);
    }

    [Fact]
    public async Task Fire_Twice_QueuesTheDeliveryOnce()
    {
        var key = Store(TestTickets.Make("hd", "1", Created));
        _clock.Reset(Created + Duration.FromSeconds(2));

        await _job.RunAsync(key, "job-0", CancellationToken.None);
        await _job.RunAsync(key, "job-0", CancellationToken.None);

        Assert.Single(_ledger.Entries);
        Assert.Single(_jobs.Created, j => j.Job.Type == typeof(DeliveryJob));
    }

    [Fact]
    public async Task Fire_ForATimerThatWentStale_NotifiesNobody()
    {
        // Scheduled for the high-priority checkpoint (2 s), but the priority dropped to low (40 s budget) since.
        var key = Store(TestTickets.Make("hd", "1", Created, later: TicketEvent.FieldChange(Created + Duration.FromSeconds(1), "priority", "low", id: "p")));
        _clock.Reset(Created + Duration.FromSeconds(2));

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        Assert.Empty(_ledger.Entries);
        Assert.Equal(Created + Duration.FromSeconds(20), _tickets.Records[key].NextCheckpointAt);
    }

    [Fact]
    public async Task Fire_ARecipientWithoutAddress_IsRecordedFailedAndGetsNoDelivery()
    {
        var key = Store(TestTickets.Make("hd", "1", Created, assignee: null));
        _clock.Reset(Created + Duration.FromSeconds(2));

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        var failed = Assert.Single(_ledger.Entries.Values);
        Assert.Equal(DeliveryState.Failed, failed.State);
        Assert.Equal("the ticket has no assignee and no group", failed.LastError);
        Assert.DoesNotContain(_jobs.Created, j => j.Job.Type == typeof(DeliveryJob));
    }

    [Fact]
    public async Task Fire_AfterTheLastCheckpoint_LeavesNoTimerBehind()
    {
        var key = Store(TestTickets.Make("hd", "1", Created));
        await _timers.RecordScheduledAsync(key, Created + Duration.FromSeconds(2), "job-0", CancellationToken.None);
        _clock.Reset(Created + Duration.FromSeconds(2));

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        // The only checkpoint is done: the ticket needs no timer and its row is gone.
        Assert.Null(_tickets.Records[key].NextCheckpointAt);
        Assert.False(_timers.Rows.ContainsKey(key));
    }

    [Fact]
    public async Task Fire_WhileAPageReopensTheSolvedTicket_EvaluatesTheReopenedStateAndKeepsItsTimer()
    {
        // A timer left from before the solve fires at 2 s; a page reopening the ticket commits while it evaluates.
        var solvedAt = Created + Duration.FromSeconds(1);
        var solved = TestTickets.Make("hd", "1", Created, later: TicketEvent.StatusChange(solvedAt, StatusCategory.Solved, "Solved", id: "solve"));
        var key = Store(solved with { Fields = solved.Fields with { Status = StatusCategory.Solved } }, at: solvedAt);
        Assert.Null(_tickets.Records[key].NextCheckpointAt);
        _clock.Reset(Created + Duration.FromSeconds(2));
        var reopened = solved with { Timeline = [.. solved.Timeline, TicketEvent.StatusChange(Created + Duration.FromSeconds(1.5), StatusCategory.Open, "Open", id: "reopen")] };
        _beforeSave = saves => saves == 0 ? Page(reopened) : Task.CompletedTask;

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        // 1 s used before the solve, the rest from the reopen: the warning (2 s used) comes at 2.5 s. The solved state's
        // evaluation, which wanted no timer, was not saved over it.
        var dueAt = Created + Duration.FromSeconds(2.5);
        Assert.Equal(2, _tickets.Evaluations.Count);
        Assert.Equal(dueAt, _tickets.Records[key].NextCheckpointAt);
        Assert.Equal(dueAt, _timers.Rows[key].DueAt);
        var timer = Assert.Single(_jobs.Created, j => j.Job.Type == typeof(TimerJob));
        Assert.Equal(dueAt.ToDateTimeUtc(), Assert.IsType<ScheduledState>(timer.State).EnqueueAt);
        Assert.Empty(_ledger.Entries);

        _clock.Reset(dueAt);
        await _job.RunAsync(key, timer.Id, CancellationToken.None);
        Assert.Single(_ledger.Entries);
    }

    [Fact]
    public async Task Fire_WhileAPageChangesTheTicket_TheDueWarningIsQueuedOnce()
    {
        var key = Store(TestTickets.Make("hd", "1", Created));
        _clock.Reset(Created + Duration.FromSeconds(2));
        var replied = TestTickets.Make("hd", "1", Created, later: TicketEvent.CustomerWrote(Created + Duration.FromSeconds(1.5), id: "msg"));
        _beforeSave = saves => saves == 0 ? Page(replied) : Task.CompletedTask;

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        // Both the state read first and the newer one find the warning due: one notification, one delivery.
        Assert.Equal(2, _tickets.Evaluations.Count);
        Assert.Single(_ledger.Entries);
        Assert.Single(_jobs.Created, j => j.Job.Type == typeof(DeliveryJob));
        Assert.Contains(_tickets.Records[key].Ticket.Timeline, e => e.Id == "msg");
        Assert.Equal(Created + Duration.FromSeconds(2), _tickets.Records[key].EvaluatedAt); // the newer state, evaluated by the timer
    }

    [Fact]
    public async Task Fire_WhileTheTicketKeepsChanging_EvaluatesOnceMore_ThenLeavesItToTheNewestPage()
    {
        var key = Store(TestTickets.Make("hd", "1", Created, priority: "low"));
        await _timers.RecordScheduledAsync(key, Created + Duration.FromSeconds(20), "job-0", CancellationToken.None);
        _clock.Reset(Created + Duration.FromSeconds(1));
        var raised = TestTickets.Make("hd", "1", Created, later: TicketEvent.FieldChange(Created + Duration.FromSeconds(0.5), "priority", "high", id: "raise"));
        _beforeSave = _ => Page(raised); // a page before every save

        await _job.RunAsync(key, "job-0", CancellationToken.None);

        // Two evaluations, both refused; the last page's state stands, with its own timer (the high budget's 2 s) scheduled.
        Assert.Equal(2, _tickets.Evaluations.Count);
        var dueAt = Created + Duration.FromSeconds(2);
        Assert.Equal(dueAt, _tickets.Records[key].NextCheckpointAt);
        var timer = Assert.Single(_jobs.Created, j => j.Job.Type == typeof(TimerJob));
        Assert.Equal(dueAt.ToDateTimeUtc(), Assert.IsType<ScheduledState>(timer.State).EnqueueAt);
        Assert.Equal((dueAt, timer.Id), (_timers.Rows[key].DueAt, _timers.Rows[key].JobId));
    }

    /// <summary>A sync page storing the ticket as the helpdesk now has it, evaluated at the clock's now.</summary>
    private Task Page(Ticket ticket)
    {
        var stored = _tickets.Records[TicketKey.Of(ticket)];
        _tickets.Put(TicketEvaluation.Evaluate(ticket, stored.FirstSeen, _holder.Current.Rules, _clock.GetCurrentInstant(), fireForDueNow: true));
        return Task.CompletedTask;
    }

    private TicketKey Store(Ticket ticket, Instant? at = null)
    {
        var record = TicketEvaluation.Evaluate(ticket, Created, WorkerConfig.Load(_config).Rules, at ?? Created, fireForDueNow: true);
        _tickets.Put(record);
        return record.Key;
    }
}
