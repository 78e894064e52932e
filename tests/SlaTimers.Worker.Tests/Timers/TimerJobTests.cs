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
    private readonly TimerJob _job;

    public TimerJobTests()
    {
        _tickets = new FakeTicketStore(_timers);
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var scheduler = new TimerScheduler(_timers, _tickets, _jobs, new ReconcileGate(), holder, _clock, Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);
        var notifier = new CheckpointNotifier(_ledger, _jobs, new PickupChannelStrategy(), Options.Create(new DeliveryOptions()), NullLogger<CheckpointNotifier>.Instance);
        _job = new TimerJob(_tickets, _timers, scheduler, notifier, holder, _clock, NullLogger<TimerJob>.Instance);
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

    private TicketKey Store(Ticket ticket)
    {
        var record = TicketEvaluation.Evaluate(ticket, Created, WorkerConfig.Load(_config).Rules, Created, fireForDueNow: true);
        _tickets.Put(record);
        return record.Key;
    }
}
