using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Delivery;

public sealed class DeliveryJobTests : IDisposable
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _config = WorkerConfig.Create();
    private readonly FakeTicketStore _tickets = new(new FakeTimerStore());
    private readonly FakeLedger _ledger = new();
    private readonly RecordingChannel _channel = new();
    private readonly FakeClock _clock = new(Created + Duration.FromSeconds(2));
    private readonly DeliveryJob _job;
    private readonly string _key;

    public DeliveryJobTests()
    {
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        var options = Options.Create(new DeliveryOptions());
        var composer = new NotificationComposer(_tickets, holder, new PickupChannelStrategy(), SlaTimers.Notifications.Messages.DefaultMessageComposer.Instance, options);
        _job = new DeliveryJob(_ledger, composer, [_channel], new FakeJobClient(), _clock, options, NullLogger<DeliveryJob>.Instance);

        var record = TicketEvaluation.Evaluate(TestTickets.Make("hd", "1", Created), Created, holder.Current.Rules, Created, fireForDueNow: true);
        _tickets.Put(record);
        _key = Notification.MakeKey(record.Key, WorkerConfig.ClockKey, WorkerConfig.CheckpointKey, RecipientIds.Person("ann"));
        _ledger.AddIfAbsentAsync([new Notification
        {
            Key = _key, Ticket = record.Key, ClockKey = WorkerConfig.ClockKey, CheckpointKey = WorkerConfig.CheckpointKey,
            Recipient = RecipientIds.Person("ann"), Channel = "pickup", DueAt = Created + Duration.FromSeconds(2),
        }], CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Deliver_SendsTheComposedMessageOnceAndMarksItDelivered()
    {
        await _job.DeliverAsync(_key, "title", CancellationToken.None);
        await _job.DeliverAsync(_key, "title", CancellationToken.None);

        var message = Assert.Single(_channel.Sent);
        Assert.Equal(("ann@example.com", "Ann Agent"), (message.RecipientAddress, message.RecipientName));
        Assert.StartsWith("Warn 50 % · T-1 · resolution", message.Subject);
        Assert.Equal(DeliveryState.Delivered, _ledger.Entries[_key].State);
    }

    [Fact]
    public async Task Deliver_ATransientFailure_ReleasesTheClaim_RecordsItsRetry_AndNamesItsDelayForHangfiresRetry()
    {
        _channel.Failure = new IOException("connection reset");

        var e = await Assert.ThrowsAsync<TransientDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));

        Assert.Equal((DeliveryState.Pending, "IOException: connection reset"), (_ledger.Entries[_key].State, _ledger.Entries[_key].LastError));
        Assert.Equal(_clock.GetCurrentInstant() + Duration.FromSeconds(10), _ledger.Entries[_key].NextAttemptAt); // the first back-off
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(10), e.RetryAfter);
        Assert.IsType<IOException>(e.InnerException);
    }

    [Theory]
    [InlineData(2, 120)]
    [InlineData(3, 600)]
    [InlineData(4, 1800)]
    public async Task Deliver_ALaterAttemptsFailure_IsRetriedAfterItsBackOffDelay(int attemptsBefore, int seconds)
    {
        _ledger.Entries[_key] = _ledger.Entries[_key] with { Attempts = attemptsBefore };
        _channel.Failure = new IOException("connection reset");

        var e = await Assert.ThrowsAsync<TransientDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));

        Assert.Equal(_clock.GetCurrentInstant() + Duration.FromSeconds(seconds), _ledger.Entries[_key].NextAttemptAt);
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(seconds), e.RetryAfter);
    }

    [Fact]
    public void RetryDelay_PastTheBackOffsEnd_IsItsLastDelay()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), DeliveryJob.RetryDelay(DeliveryJob.BackOff.Count + 3, new IOException("connection reset")));
    }

    [Fact]
    public async Task Deliver_AChannelsRetryAfter_IsTheRetrysDelay_CappedAtAnHour()
    {
        _channel.Failure = new TransientDeliveryException("graph-mail: HTTP 429", TimeSpan.FromSeconds(90));
        var first = await Assert.ThrowsAsync<TransientDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));
        Assert.Equal(_clock.GetCurrentInstant() + Duration.FromSeconds(90), _ledger.Entries[_key].NextAttemptAt);
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(90), first.RetryAfter);

        _channel.Failure = new TransientDeliveryException("teams: HTTP 503", TimeSpan.FromDays(2));
        await Assert.ThrowsAsync<TransientDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));
        Assert.Equal(_clock.GetCurrentInstant() + Duration.FromHours(1), _ledger.Entries[_key].NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_APermanentFailure_MarksItFailedAndFailsTheJob()
    {
        _channel.Failure = new PermanentDeliveryException("550 mailbox unavailable");

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));

        Assert.Equal((DeliveryState.Failed, "550 mailbox unavailable"), (_ledger.Entries[_key].State, _ledger.Entries[_key].LastError));
    }

    [Fact]
    public async Task Deliver_TheLastAttempt_GivesUpForGood()
    {
        _ledger.Entries[_key] = _ledger.Entries[_key] with { Attempts = DeliveryJob.MaxAttempts - 1 };
        _channel.Failure = new IOException("connection reset");

        var e = await Assert.ThrowsAsync<PermanentDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));

        Assert.Equal((DeliveryState.Failed, (Instant?)null), (_ledger.Entries[_key].State, _ledger.Entries[_key].NextAttemptAt));
        Assert.Equal($"gave up after {DeliveryJob.MaxAttempts} attempts; the last: IOException: connection reset", e.Message);
    }

    [Fact]
    public async Task Deliver_ForATicketNoLongerStored_FailsForGood()
    {
        _tickets.Records.Clear();

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => _job.DeliverAsync(_key, "title", CancellationToken.None));

        Assert.Equal(DeliveryState.Failed, _ledger.Entries[_key].State);
    }
}
