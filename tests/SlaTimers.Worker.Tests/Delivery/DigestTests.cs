using Hangfire.States;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Notifications.Channels;
using SlaTimers.Worker.Delivery;

namespace SlaTimers.Worker.Tests.Delivery;

public sealed class DigestTests
{
    private static readonly Instant Created = Instant.FromUtc(2026, 11, 24, 10, 0); // 11:00 in Amsterdam: ann is working
    private static readonly DeliveryOptions TwoMinutes = new() { DigestWindow = TimeSpan.FromMinutes(2) };

    private static (NotifyWorld World, string First, string Second) TwoWarningsForAnn(DeliveryOptions? options = null)
    {
        var world = new NotifyWorld(options ?? TwoMinutes, now: Created + Duration.FromSeconds(2) + Duration.FromMinutes(2));
        var one = world.Ticket("1", Created);
        var two = world.Ticket("2", Created + Duration.FromSeconds(30));
        return (world, world.Record(one, "ann", Created + Duration.FromSeconds(2)), world.Record(two, "ann", Created + Duration.FromSeconds(32)));
    }

    [Fact]
    public async Task Notify_AWarningWhileDigestsAreOn_IsScheduledForTheEndOfTheWindow()
    {
        using var world = new NotifyWorld(TwoMinutes, now: Created + Duration.FromSeconds(2));
        var record = world.Ticket("1", Created);

        await world.Notifier().NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Warning)], world.Configuration,
            world.Clock.GetCurrentInstant(), CancellationToken.None);

        var job = Assert.Single(world.Jobs.Created, j => (string)j.Job.Args[0] == NotifyWorld.KeyOf(record, "ann"));
        Assert.Equal((world.Clock.GetCurrentInstant() + Duration.FromMinutes(2)).ToDateTimeUtc(), Assert.IsType<ScheduledState>(job.State).EnqueueAt);
    }

    [Fact]
    public async Task Notify_ABreachNotice_BypassesTheDigest()
    {
        using var world = new NotifyWorld(TwoMinutes, now: Created + Duration.FromSeconds(4));
        var record = world.Ticket("1", Created);

        await world.Notifier().NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Breach)], world.Configuration,
            world.Clock.GetCurrentInstant(), CancellationToken.None);

        var job = Assert.Single(world.Jobs.Created, j => (string)j.Job.Args[0] == NotifyWorld.KeyOf(record, "ann", NotifyWorld.Breach));
        Assert.IsType<EnqueuedState>(job.State);
    }

    [Fact]
    public async Task Deliver_TwoWarningsWithinTheWindow_GoAsOneDigest_BothMarkedDeliveredOnce()
    {
        var (world, first, second) = TwoWarningsForAnn();
        using var _ = world;

        await world.Job().DeliverAsync(first, "title", CancellationToken.None);
        world.Clock.Advance(Duration.FromSeconds(30));
        await world.Job().DeliverAsync(second, "title", CancellationToken.None); // the second's own job: nothing left to do

        var digest = Assert.Single(world.Channel.Sent);
        Assert.Equal("2 SLA warnings · T-1, T-2", digest.Subject);
        Assert.Contains("Warn 50 % · T-1 · resolution", digest.TextBody);
        Assert.Contains("Warn 50 % · T-2 · resolution", digest.TextBody);
        Assert.DoesNotContain("late", digest.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("digest/", digest.NotificationKey);
        Assert.All([first, second], key => Assert.Equal((DeliveryState.Delivered, 1), (world.Ledger.Entries[key].State, world.Ledger.Entries[key].Attempts)));
    }

    [Fact]
    public async Task Deliver_TheSameSetAgain_IsTheSameMessageId()
    {
        var (world, first, second) = TwoWarningsForAnn();
        using var _ = world;
        world.Channel.Failure = new TransientDeliveryException("421 try later");
        await Assert.ThrowsAsync<TransientDeliveryException>(() => world.Job().DeliverAsync(first, "title", CancellationToken.None));
        world.Channel.Failure = null;

        await world.Job().DeliverAsync(first, "title", CancellationToken.None);

        Assert.Single(world.Channel.Sent);
        Assert.Equal(2, world.Channel.Attempted.Count);
        Assert.Equal(world.Channel.Attempted[0].MessageId, world.Channel.Attempted[1].MessageId);
        Assert.Equal(2, world.Channel.Attempted[1].TextBody.Split("Warn 50 %").Length - 1);
        Assert.Equal(DeliveryState.Delivered, world.Ledger.Entries[second].State);
    }

    [Fact]
    public async Task Deliver_ATransientFailure_ReleasesEveryWarningOfTheDigestForTheRetry()
    {
        var (world, first, second) = TwoWarningsForAnn();
        using var _ = world;
        world.Channel.Failure = new TransientDeliveryException("421 try later", TimeSpan.FromSeconds(90));

        await Assert.ThrowsAsync<TransientDeliveryException>(() => world.Job().DeliverAsync(first, "title", CancellationToken.None));

        Assert.All([first, second], key => Assert.Equal((DeliveryState.Pending, "TransientDeliveryException: 421 try later"),
            (world.Ledger.Entries[key].State, world.Ledger.Entries[key].LastError)));
    }

    [Fact]
    public async Task Deliver_APermanentFailure_FailsEveryWarningOfTheDigest()
    {
        var (world, first, second) = TwoWarningsForAnn();
        using var _ = world;
        world.Channel.Failure = new PermanentDeliveryException("550 mailbox unavailable");

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => world.Job().DeliverAsync(first, "title", CancellationToken.None));

        Assert.All([first, second], key => Assert.Equal(DeliveryState.Failed, world.Ledger.Entries[key].State));
    }

    [Fact]
    public async Task Deliver_AWarningWhoseTicketIsGone_FailsAlone_TheOtherIsSent()
    {
        var (world, first, second) = TwoWarningsForAnn();
        using var _ = world;
        world.Tickets.Records.TryRemove(world.Ledger.Entries[second].Ticket, out var __);

        await world.Job().DeliverAsync(first, "title", CancellationToken.None);

        var message = Assert.Single(world.Channel.Sent);
        Assert.StartsWith("Warn 50 % · T-1", message.Subject);
        Assert.Equal(DeliveryState.Delivered, world.Ledger.Entries[first].State);
        Assert.Equal(DeliveryState.Failed, world.Ledger.Entries[second].State);
    }

    [Fact]
    public async Task Deliver_ABreachNotice_IsNeverPartOfADigest()
    {
        var (world, first, _) = TwoWarningsForAnn();
        using var __ = world;
        var ticket = world.Tickets.Records[world.Ledger.Entries[first].Ticket];
        var breach = world.Record(ticket, "ann", Created + Duration.FromSeconds(4), NotifyWorld.Breach);

        await world.Job().DeliverAsync(breach, "title", CancellationToken.None);

        var message = Assert.Single(world.Channel.Sent);
        Assert.StartsWith("Breached", message.Subject);
        Assert.Equal(DeliveryState.Pending, world.Ledger.Entries[first].State);
    }

    [Fact]
    public async Task Deliver_WithDigestsOff_SendsEachWarningAlone()
    {
        var (world, first, second) = TwoWarningsForAnn(new DeliveryOptions());
        using var _ = world;

        await world.Job().DeliverAsync(first, "title", CancellationToken.None);
        await world.Job().DeliverAsync(second, "title", CancellationToken.None);

        Assert.Equal(2, world.Channel.Sent.Count);
    }

    [Fact]
    public void Recovery_WaitsForTheDigestWindowAsWell()
    {
        var warning = new Notification
        {
            Key = "k", Ticket = new("hd", "1"), ClockKey = "c", CheckpointKey = "warn-50%", Recipient = "person:ann", Channel = "pickup", DueAt = Created,
        };
        var rules = DeliveryTiming.LostRules(TwoMinutes);

        Assert.Equal(Duration.FromMinutes(1), rules.RecoverAfter);
        Assert.Equal(Duration.FromMinutes(2), rules.Digest?.Window); // a warning waits 3 min in all
        Assert.True(rules.Digest!.Holds(warning));
        Assert.True(rules.Digest.Holds(warning with { CheckpointKey = "WARN-80%", Recipient = "email:x@example.com" }));
        Assert.False(rules.Digest.Holds(warning with { CheckpointKey = "escalate-1" }));
        Assert.False(rules.Digest.Holds(warning with { Recipient = "channel:desk" }));
        Assert.Null(DeliveryTiming.LostRules(new DeliveryOptions()).Digest); // digests off: nothing waits longer
    }
}
