using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Tests.Configuration;

namespace SlaTimers.Worker.Tests.Delivery;

public sealed class UnreachableRecipientTests
{
    [Fact]
    public async Task APersonWithoutAnAddress_IsRecordedFailedAndLogged_TheOthersStillGetTheirs()
    {
        var created = Instant.FromUtc(2026, 11, 24, 10, 0);
        using var world = new NotifyWorld(now: created + Duration.FromSeconds(2));
        var record = world.Ticket("1", created, group: "Desk"); // the group: ann and nora (Teams only, not configured)
        var logger = new ListLogger<CheckpointNotifier>();
        var notifier = new CheckpointNotifier(world.Ledger, world.Jobs, new PickupChannelStrategy(), world.Options, logger);

        await notifier.NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Warning)], world.Configuration, world.Clock.GetCurrentInstant(), CancellationToken.None);

        var nora = world.Ledger.Entries[NotifyWorld.KeyOf(record, "nora")];
        Assert.Equal((DeliveryState.Failed, NotificationPlanner.NoChannel), (nora.State, nora.Channel));
        Assert.Contains("Nora Noaddress ('nora') has no e-mail address in recipients.json", nora.LastError);
        var ann = NotifyWorld.KeyOf(record, "ann");
        Assert.Equal(DeliveryState.Pending, world.Ledger.Entries[ann].State);
        Assert.IsType<EnqueuedState>(Assert.Single(world.Jobs.Created).State);
        Assert.Equal(ann, (string)world.Jobs.Created[0].Job.Args[0]);
        Assert.Contains(logger.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains("cannot notify person:nora", StringComparison.Ordinal)
                                            && l.Message.Contains("the other recipients are notified", StringComparison.Ordinal));

        await world.Job().DeliverAsync(ann, "title", CancellationToken.None);
        Assert.Equal("ann@example.com", Assert.Single(world.Channel.Sent).RecipientAddress);
    }

    [Fact]
    public async Task AnUnreachablePersonInQuietHours_IsFailedAtOnce_NotHeld()
    {
        var created = Instant.FromUtc(2026, 11, 24, 2, 0);
        using var world = new NotifyWorld(now: created + Duration.FromSeconds(2));
        var record = world.Ticket("1", created, group: "Desk");

        await world.Notifier().NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Warning)], world.Configuration, world.Clock.GetCurrentInstant(), CancellationToken.None);

        Assert.Equal(DeliveryState.Failed, world.Ledger.Entries[NotifyWorld.KeyOf(record, "nora")].State);
        Assert.IsType<ScheduledState>(Assert.Single(world.Jobs.Created).State); // ann's, held for her morning
    }
}
