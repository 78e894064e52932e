using NodaTime;
using SlaTimers.Core.Notifications;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

/// <summary>
/// The recovery sweep's view of the ledger: notifications that lost their job (never tried, or a claim ran out); those
/// whose retry was lost are in StoreContractTests.LedgerRecovery.cs.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly LostNotificationRules Lost = new()
    {
        RecoverAfter = Duration.FromMinutes(1), RequeueInterval = Duration.FromMinutes(5), RetryGrace = Duration.FromMinutes(5), LongestRetryDelay = Duration.FromHours(1),
    };

    [Fact]
    public async Task TakeLost_NeverTried_IsTakenAfterRecoverAfter_ThenOncePerInterval()
    {
        var n = Notification(NewSource(), "1"); // due at 180
        await Ledger.AddIfAbsentAsync([n], None);

        Assert.DoesNotContain(await TakeLostAsync(At(181)), k => k == n.Key); // exactly RecoverAfter: its job may still come
        var first = At(181) + Duration.FromSeconds(1);
        var taken = Assert.Single(await Ledger.TakeLostAsync(first, Lost, 100_000, None), t => t.Key == n.Key);
        Assert.Equal((DeliveryState.Pending, 0), (taken.State, taken.Attempts));

        // The job queued for it waits in a slow queue: the sweeps of the next minutes leave it alone, until the interval is over.
        for (var minute = 1; minute <= 5; minute++)
        {
            Assert.DoesNotContain(await TakeLostAsync(first + Duration.FromMinutes(minute)), k => k == n.Key);
        }
        Assert.Contains(await TakeLostAsync(first + Duration.FromMinutes(5) + Duration.FromSeconds(1)), k => k == n.Key);
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, first + Duration.FromMinutes(6), Lease, None)); // taking it claimed nothing
    }

    [Fact]
    public async Task TakeLost_AClaimThatRanOut_IsTakenOncePerInterval_OrOnceMoreAfterANewClaimRanOut()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(180), Lease, None)); // its sender crashes; the lease ends at 185
        var rules = Lost with { RequeueInterval = Duration.FromMinutes(30) };

        Assert.DoesNotContain(await TakeLostAsync(At(185), rules), k => k == n.Key);
        Assert.Contains(await TakeLostAsync(At(186), rules), k => k == n.Key);
        Assert.DoesNotContain(await TakeLostAsync(At(187), rules), k => k == n.Key); // its job has not run yet

        // The job ran (a claim since the re-queue) and its sender crashed too: once that claim runs out it is lost again.
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(188), Lease, None));
        Assert.DoesNotContain(await TakeLostAsync(At(193), rules), k => k == n.Key);
        Assert.Contains(await TakeLostAsync(At(194), rules), k => k == n.Key);
        Assert.DoesNotContain(await TakeLostAsync(At(195), rules), k => k == n.Key);
        Assert.Contains(await TakeLostAsync(At(194) + Duration.FromMinutes(30) + Duration.FromSeconds(1), rules), k => k == n.Key);
    }

    [Fact]
    public async Task TakeLost_LeavesRetriesWaiting_TheHeld_TheDeliveredAndTheFailed()
    {
        var source = NewSource();
        var (retry, held, delivered, failed) = (Notification(source, "1"), Notification(source, "2") with { DueAt = At(100_000) }, Notification(source, "3"), Notification(source, "4"));
        await Ledger.AddIfAbsentAsync([retry, held, delivered, failed], None);
        await FailAsync(retry.Key, At(181), Duration.FromHours(1)); // a channel's Retry-After: due at 241
        Assert.NotNull(await Ledger.TryClaimAsync(delivered.Key, At(181), Lease, None));
        await Ledger.MarkDeliveredAsync(delivered.Key, At(182), None);
        await Ledger.MarkFailedAsync(failed.Key, At(181), "no address", retryAt: null, None);

        var taken = await TakeLostAsync(At(240));

        Assert.DoesNotContain(taken, k => k.StartsWith(source.ToLowerInvariant(), StringComparison.Ordinal));
        Assert.Contains(await TakeLostAsync(At(100_001) + Duration.FromSeconds(1)), k => k == held.Key); // once its opening has passed
    }

    [Fact]
    public async Task TakeLost_ADigestsKind_WaitsForItsWindowToo()
    {
        var source = NewSource();
        var warning = Notification(source, "1", checkpoint: "WARN-50%", recipient: "person:ann");
        var (breach, toAChannel) = (Notification(source, "1", checkpoint: "escalate-1", recipient: "person:ann"), Notification(source, "1", checkpoint: "warn-50%", recipient: "channel:desk"));
        await Ledger.AddIfAbsentAsync([warning, breach, toAChannel], None);
        var rules = Lost with { Digest = new DigestHold(Duration.FromMinutes(2), "warn-", ["person:", "email:"]) };

        var early = await TakeLostAsync(At(181) + Duration.FromSeconds(1), rules);
        Assert.Contains(breach.Key, early);
        Assert.Contains(toAChannel.Key, early);
        Assert.DoesNotContain(warning.Key, early);
        Assert.DoesNotContain(await TakeLostAsync(At(183), rules), k => k == warning.Key);
        Assert.Contains(await TakeLostAsync(At(183) + Duration.FromSeconds(1), rules), k => k == warning.Key);
    }

    [Fact]
    public async Task TakeLost_SixHundredWaitingForRetries_DoNotHideALostOne()
    {
        var source = NewSource();
        // Due before the lost one and before nearly everything of the other tests (which share the ledger); they failed
        // after the others' sweeps, so no other test takes them for a lost retry either.
        var waiting = Enumerable.Range(0, 600).Select(i => Notification(source, $"w{i}") with { DueAt = At(-100_000) }).ToList();
        var lost = Notification(source, "lost") with { DueAt = At(-90_000) };
        await Ledger.AddIfAbsentAsync([.. waiting, lost], None);
        foreach (var n in waiting) await FailAsync(n.Key, At(500_000)); // their retries wait; the last failed a minute ago

        var taken = await Ledger.TakeLostAsync(At(500_001), Lost, 500, None);

        Assert.Equal([lost.Key], taken.Select(n => n.Key).Where(k => k.StartsWith(source.ToLowerInvariant(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TakeLost_OfSweepsAtOnce_OnlyOneTakesEachNotification()
    {
        var source = NewSource();
        // Enough rows (and sweeps) that the statements overlap: the later one then waits on the earlier one's row locks.
        var notifications = Enumerable.Range(0, 400).Select(i => Notification(source, $"{i}")).ToList();
        await Ledger.AddIfAbsentAsync(notifications, None);
        foreach (var n in notifications.Take(20)) Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(180), Lease, None)); // these crashed while sending
        using var start = new Barrier(4);

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await TakeLostAsync(At(30_000));
        })));

        var mine = sweeps.SelectMany(s => s).Where(k => k.StartsWith(source.ToLowerInvariant(), StringComparison.Ordinal)).ToList();
        Assert.Equal(notifications.Select(n => n.Key).Order(StringComparer.Ordinal), mine.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TakeLost_ReturnsTheEarliestDueFirst_UpToTheLimit()
    {
        var source = NewSource();
        var (late, early) = (Notification(source, "1") with { DueAt = At(-200_000) }, Notification(source, "2") with { DueAt = At(-200_010) });
        await Ledger.AddIfAbsentAsync([late, early], None);

        var first = await Ledger.TakeLostAsync(At(-199_000), Lost, 1, None);
        var second = await Ledger.TakeLostAsync(At(-199_000), Lost, 1, None);

        Assert.Equal([early.Key], first.Select(n => n.Key));
        Assert.Equal([late.Key], second.Select(n => n.Key));
    }

    [Fact]
    public async Task TakeLost_RefusesAbsurdRules()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.TakeLostAsync(At(0), Lost with { RequeueInterval = Duration.Zero }, 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.TakeLostAsync(At(0), Lost with { RecoverAfter = Duration.Zero }, 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.TakeLostAsync(At(0), Lost with { RetryGrace = Duration.Zero }, 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.TakeLostAsync(At(0), Lost with { LongestRetryDelay = -Duration.Epsilon }, 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.TakeLostAsync(At(0), Lost with { Digest = new(Duration.FromMinutes(1), "warn-", []) }, 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ledger.TakeLostAsync(At(0), Lost, 0, None));
    }

    private async Task<IReadOnlyList<string>> TakeLostAsync(Instant now, LostNotificationRules? rules = null) =>
        [.. (await Ledger.TakeLostAsync(now, rules ?? Lost, 100_000, None)).Select(n => n.Key)];
}
