using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Notifications.Channels;
using SlaTimers.Worker.Delivery;

namespace SlaTimers.Worker.Tests.Delivery;

/// <summary>
/// The maintenance job's sweep for notifications whose retry job was lost: a transient failure leaves the notification
/// pending for a Hangfire retry, due when the ledger recorded; if that retry is deleted (on the dashboard) or expires, the
/// sweep queues it again once <see cref="DeliveryOptions.LostRetryGrace"/> has passed since — never before it was due.
/// </summary>
public sealed class DeliveryRecoveryTests
{
    private static readonly Duration Grace = Duration.FromTimeSpan(new DeliveryOptions().LostRetryGrace);

    [Fact]
    public async Task ARetryJobDeletedOnTheDashboard_IsQueuedAgainAfterTheGrace_AndDeliveredOnce()
    {
        using var world = new NotifyWorld();
        var failedAt = world.Clock.GetCurrentInstant();
        var key = world.Record(world.Ticket("1", failedAt - Duration.FromSeconds(2)), "bert", failedAt);
        world.Channel.Failure = new IOException("421 4.3.2 try again later");
        await Assert.ThrowsAsync<TransientDeliveryException>(() => world.Job().DeliverAsync(key, "title", CancellationToken.None));
        world.Channel.Failure = null;
        // Hangfire scheduled the retry (10 s later, as the ledger says); someone deletes it on the dashboard, so it never runs.
        var retryAt = failedAt + Duration.FromSeconds(10);
        Assert.Equal(retryAt, world.Ledger.Entries[key].NextAttemptAt);

        foreach (var later in new[] { Duration.Zero, Duration.FromMinutes(1), Grace })
        {
            world.Clock.Reset(retryAt + later);
            Assert.Equal(0, await Recovery(world).RequeueLostAsync(CancellationToken.None)); // the retry may still be on its way
        }
        world.Clock.Reset(retryAt + Grace + Duration.FromSeconds(1));
        Assert.Equal(1, await Recovery(world).RequeueLostAsync(CancellationToken.None));
        Assert.Equal(0, await Recovery(world).RequeueLostAsync(CancellationToken.None)); // once: its job has not run yet

        var requeued = Assert.Single(world.Jobs.Created, j => j.Job.Type == typeof(DeliveryJob));
        Assert.IsType<EnqueuedState>(requeued.State);
        Assert.Equal(key, requeued.Job.Args[0]);
        await RunAsync(world, requeued.Job);
        Assert.Single(world.Channel.Sent);
        Assert.Equal((DeliveryState.Delivered, 2), (world.Ledger.Entries[key].State, world.Ledger.Entries[key].Attempts));

        world.Clock.Reset(failedAt + Grace * 3);
        Assert.Equal(0, await Recovery(world).RequeueLostAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ANotificationRescheduledToTheOpeningOfQuietHours_WhoseJobIsLost_IsQueuedAgainAfterTheOpeningAndTheGrace()
    {
        // Tue 24 Nov 2026 03:00 CET: ann (quiet hours 09:00-17:00 Amsterdam) is held until 09:00 CET (08:00 UTC).
        var night = Instant.FromUtc(2026, 11, 24, 2, 0);
        var opening = Instant.FromUtc(2026, 11, 24, 8, 0);
        using var world = new NotifyWorld(now: night);
        var key = world.Record(world.Ticket("1", night - Duration.FromSeconds(2)), "ann", opening);

        // A job that runs before the opening (run by hand, or on an instance whose clock runs ahead) puts it back for then.
        await world.Job().DeliverAsync(key, "title", CancellationToken.None);
        var rescheduled = Assert.Single(world.Jobs.Created, j => j.Job.Type == typeof(DeliveryJob));
        Assert.Equal(opening.ToDateTimeUtc(), Assert.IsType<ScheduledState>(rescheduled.State).EnqueueAt);
        // That job is lost: it never runs.

        world.Clock.Reset(opening + Grace);
        Assert.Equal(0, await Recovery(world).RequeueLostAsync(CancellationToken.None));
        world.Clock.Reset(opening + Grace + Duration.FromSeconds(1));
        Assert.Equal(1, await Recovery(world).RequeueLostAsync(CancellationToken.None));

        await RunAsync(world, world.Jobs.Created[^1].Job);
        Assert.Single(world.Channel.Sent);
        Assert.Equal(DeliveryState.Delivered, world.Ledger.Entries[key].State);
    }

    [Fact]
    public async Task ASlowQueue_GetsOneJobPerNotification_PerRequeueInterval()
    {
        using var world = new NotifyWorld();
        var recordedAt = world.Clock.GetCurrentInstant();
        var interval = Duration.FromTimeSpan(world.Options.Value.RequeueInterval);
        var recoverAfter = Duration.FromTimeSpan(world.Options.Value.RecoverAfter);
        var neverTried = world.Record(world.Ticket("1", recordedAt - Duration.FromSeconds(2)), "bert", recordedAt);
        var crashed = world.Record(world.Ticket("2", recordedAt - Duration.FromSeconds(2)), "bert", recordedAt);
        // One job is still in the queue (a mail server that times out keeps the workers busy); the other's sender died mid-send.
        Assert.NotNull(await world.Ledger.TryClaimAsync(crashed, recordedAt, recoverAfter, CancellationToken.None));

        var first = recordedAt + recoverAfter + Duration.FromSeconds(1);
        world.Clock.Reset(first);
        Assert.Equal(2, await Recovery(world).RequeueLostAsync(CancellationToken.None));
        // The queue is slow: none of the jobs runs, and the maintenance job sweeps each minute.
        for (var minute = Duration.FromMinutes(1); minute <= interval; minute += Duration.FromMinutes(1))
        {
            world.Clock.Reset(first + minute);
            Assert.Equal(0, await Recovery(world).RequeueLostAsync(CancellationToken.None));
        }
        world.Clock.Reset(first + interval + Duration.FromSeconds(1));
        Assert.Equal(2, await Recovery(world).RequeueLostAsync(CancellationToken.None));

        var queued = world.Jobs.Created.Where(j => j.Job.Type == typeof(DeliveryJob)).Select(j => (string)j.Job.Args[0]).ToList();
        Assert.Equal(4, queued.Count);
        Assert.Equal(2, queued.Count(k => k == neverTried));
        Assert.Equal(2, queued.Count(k => k == crashed));
    }

    [Fact]
    public async Task ARetryThatFailedBeforeItsInstantWasRecorded_IsQueuedAgainAnHourAndTheGraceAfterItsLastAttempt()
    {
        using var world = new NotifyWorld();
        var failedAt = world.Clock.GetCurrentInstant();
        var key = world.Record(world.Ticket("1", failedAt - Duration.FromSeconds(2)), "bert", failedAt);
        Assert.NotNull(await world.Ledger.TryClaimAsync(key, failedAt, Duration.FromMinutes(5), CancellationToken.None));
        await world.Ledger.MarkFailedAsync(key, failedAt, "421 try later", failedAt, CancellationToken.None);
        world.Ledger.Entries[key] = world.Ledger.Entries[key] with { NextAttemptAt = null }; // as a row of a ledger before schema version 4
        var fallback = Duration.FromTimeSpan(DeliveryJob.LongestRetryDelay) + Grace;

        world.Clock.Reset(failedAt + fallback);
        Assert.Equal(0, await Recovery(world).RequeueLostAsync(CancellationToken.None));
        world.Clock.Reset(failedAt + fallback + Duration.FromSeconds(1));
        Assert.Equal(1, await Recovery(world).RequeueLostAsync(CancellationToken.None));
    }

    [Fact]
    public void LostRetryGrace_OfLessThanHalfAMinute_IsRefused()
    {
        Assert.Contains(Validate(new DeliveryOptions { LostRetryGrace = TimeSpan.FromSeconds(29) }), r => r.MemberNames.Contains(nameof(DeliveryOptions.LostRetryGrace)));
        Assert.Empty(Validate(new DeliveryOptions { LostRetryGrace = TimeSpan.FromSeconds(30) }));
        Assert.Empty(Validate(new DeliveryOptions()));
    }

    [Fact]
    public void TheJobsBackOff_IsAutomaticRetrysToo_AndNoLongerThanTheLongestRetryDelay()
    {
        // Read from the metadata: constructing Hangfire's attribute would reach for its global log provider.
        var retry = typeof(DeliveryJob).GetMethod(nameof(DeliveryJob.DeliverAsync))!.GetCustomAttributesData()
            .Single(a => a.AttributeType == typeof(AutomaticRetryAttribute));
        var delays = (IEnumerable<CustomAttributeTypedArgument>)retry.NamedArguments.Single(a => a.MemberName == nameof(AutomaticRetryAttribute.DelaysInSeconds)).TypedValue.Value!;

        Assert.Equal(DeliveryJob.BackOff, delays.Select(d => TimeSpan.FromSeconds((int)d.Value!)));
        Assert.All(DeliveryJob.BackOff, d => Assert.True(d <= DeliveryJob.LongestRetryDelay));
        Assert.Equal(HonourRetryAfterAttribute.MaxDelay, DeliveryJob.LongestRetryDelay);
    }

    private static DeliveryRecovery Recovery(NotifyWorld world) =>
        new(world.Ledger, world.Tickets, world.Jobs, world.Holder, world.Clock, world.Options, NullLogger<DeliveryRecovery>.Instance);

    private static Task RunAsync(NotifyWorld world, Job job) =>
        world.Job().DeliverAsync((string)job.Args[0], (string)job.Args[1], CancellationToken.None);

    private static List<ValidationResult> Validate(DeliveryOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
