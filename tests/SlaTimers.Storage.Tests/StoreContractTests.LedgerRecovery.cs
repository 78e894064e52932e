using NodaTime;
using SlaTimers.Core.Notifications;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

/// <summary>The recovery sweep's view of the ledger: notifications whose retry never came (<see cref="INotificationLedger.TakeLostAsync"/>).</summary>
public abstract partial class StoreContractTests
{
    private static Duration Grace => Lost.RetryGrace;
    private static Duration LongestRetryDelay => Lost.LongestRetryDelay;

    [Fact]
    public async Task MarkFailed_WithoutAClaim_RecordsNoAttempt()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);

        await Ledger.MarkFailedAsync(n.Key, At(180), "no address", retryAt: null, None); // as the notifier does for an unreachable recipient

        Assert.Equal((DeliveryState.Failed, 0, (Instant?)null), await StateOf(n.Key));
    }

    [Fact]
    public async Task MarkFailed_ForARetry_RecordsWhenItIsDue_AClaimOrAFailureForGoodClearsIt()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);

        await FailAsync(n.Key, At(181), Duration.FromMinutes(2));
        Assert.Equal(At(183), (await Ledger.GetAsync(n.Key, None))?.NextAttemptAt);
        Assert.Null((await Ledger.TryClaimAsync(n.Key, At(183), Lease, None))?.NextAttemptAt);
        await Ledger.MarkFailedAsync(n.Key, At(184), "421 try later", At(194), None);
        Assert.Equal(At(194), (await Ledger.GetAsync(n.Key, None))?.NextAttemptAt);
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(194), Lease, None));
        await Ledger.MarkFailedAsync(n.Key, At(195), "550 no such user", retryAt: null, None);

        var failed = await Ledger.GetAsync(n.Key, None);
        Assert.Equal((DeliveryState.Failed, 3, (Instant?)null), (failed?.State, failed?.Attempts, failed?.NextAttemptAt));
    }

    [Fact]
    public async Task TakeLost_ARetryDueTenMinutesAgo_IsTaken_NotBeforeTheGraceAfterItIsOver()
    {
        var n = Notification(NewSource(), "1"); // due at 180
        await Ledger.AddIfAbsentAsync([n], None);
        await FailAsync(n.Key, At(181), Duration.FromMinutes(10)); // its retry is due at 191

        Assert.DoesNotContain(await TakeRetriesAsync(At(191) + Grace), k => k == n.Key); // exactly the grace: it may still start
        var taken = await Ledger.TakeLostAsync(At(201), Lost, 100_000, None); // due ten minutes ago

        var stalled = Assert.Single(taken, t => t.Key == n.Key);
        Assert.Equal((DeliveryState.Pending, 1, (Instant?)At(181), (Instant?)At(191)), (stalled.State, stalled.Attempts, stalled.LastAttemptAt, stalled.NextAttemptAt));
    }

    [Fact]
    public async Task TakeLost_ARetryStillInTheFuture_IsLeftToIt_HoweverLongAgoTheLastAttempt()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        await FailAsync(n.Key, At(181), Duration.FromMinutes(60)); // a channel's Retry-After of an hour: due at 241

        Assert.DoesNotContain(await TakeRetriesAsync(At(240)), k => k == n.Key);
        Assert.DoesNotContain(await TakeRetriesAsync(At(246)), k => k == n.Key);
        Assert.Contains(await TakeRetriesAsync(At(246) + Duration.FromSeconds(1)), k => k == n.Key);
    }

    [Fact]
    public async Task TakeLost_ARowFailedBeforeTheRetryInstantWasRecorded_CountsFromItsLastAttemptPlusTheLongestDelay()
    {
        var source = NewSource();
        var (failed, held) = (Notification(source, "1"), Notification(source, "2") with { DueAt = At(600) });
        await Ledger.AddIfAbsentAsync([failed, held], None);
        await FailAsync(failed.Key, At(181)); // its retry is due at 181 and 10 s
        await FailAsync(held.Key, At(10)); // held for quiet hours until 600; a job ran early
        await ForgetRetryInstantsAsync(failed.Key, held.Key); // as the rows of a ledger before schema version 4

        Assert.DoesNotContain(await TakeRetriesAsync(At(181) + LongestRetryDelay + Grace), k => k == failed.Key);
        Assert.Contains(await TakeRetriesAsync(At(181) + LongestRetryDelay + Grace + Duration.FromSeconds(1)), k => k == failed.Key);
        Assert.DoesNotContain(await TakeRetriesAsync(At(600) + LongestRetryDelay + Grace), k => k == held.Key); // counts from its opening
        Assert.Contains(await TakeRetriesAsync(At(600) + LongestRetryDelay + Grace + Duration.FromSeconds(1)), k => k == held.Key);
    }

    [Fact]
    public async Task TakeLost_ALostRetry_IsTakenOncePerInterval()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        await FailAsync(n.Key, At(181));
        var rules = Lost with { RequeueInterval = Duration.FromMinutes(30) };
        var first = At(187);

        Assert.Contains(await TakeRetriesAsync(first, rules), k => k == n.Key);
        // The job queued for it has not run yet: the next sweeps leave it alone for the interval, then take it again.
        Assert.DoesNotContain(await TakeRetriesAsync(first + Duration.FromMinutes(1), rules), k => k == n.Key);
        Assert.DoesNotContain(await TakeRetriesAsync(first + Duration.FromMinutes(30), rules), k => k == n.Key);
        Assert.Contains(await TakeRetriesAsync(first + Duration.FromMinutes(30) + Duration.FromSeconds(1), rules), k => k == n.Key);
    }

    [Fact]
    public async Task TakeLost_AnAttemptAfterARequeue_WaitsForItsOwnRetry_ThenIsTakenWithinTheInterval()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        await FailAsync(n.Key, At(181));
        var rules = Lost with { RequeueInterval = Duration.FromMinutes(30) };
        Assert.Contains(await TakeRetriesAsync(At(187), rules), k => k == n.Key);

        await FailAsync(n.Key, At(188), Duration.FromMinutes(2)); // the job queued by the sweep failed too: its retry is due at 190

        Assert.DoesNotContain(await TakeRetriesAsync(At(190) + Grace, rules), k => k == n.Key);
        Assert.Contains(await TakeRetriesAsync(At(190) + Grace + Duration.FromSeconds(1), rules), k => k == n.Key); // the job ran: no interval to wait
    }

    [Fact]
    public async Task TakeLost_AHeldNotificationRescheduledToItsOpening_CountsFromTheOpening()
    {
        // Held for quiet hours until 09:00 (minute 600); a job ran early at minute 10 and put it back for the opening.
        var held = Notification(NewSource(), "1") with { DueAt = At(600) };
        await Ledger.AddIfAbsentAsync([held], None);
        Assert.NotNull(await Ledger.TryClaimAsync(held.Key, At(10), Lease, None));
        await Ledger.MarkFailedAsync(held.Key, At(10), "not due before 09:00 (quiet hours); rescheduled", At(600), None);

        Assert.DoesNotContain(await TakeRetriesAsync(At(600) + Grace), k => k == held.Key);
        Assert.Contains(await TakeRetriesAsync(At(601) + Grace), k => k == held.Key);
    }

    [Fact]
    public async Task TakeLost_NeverTakesTheDeliveredOrTheFailedForGood_AfterFailedAttempts()
    {
        var source = NewSource();
        var (delivered, failed, lost) = (Notification(source, "1"), Notification(source, "2"), Notification(source, "3"));
        await Ledger.AddIfAbsentAsync([delivered, failed, lost], None);
        await FailAsync(lost.Key, At(181)); // the one this sweep is for, beside them: the others are left, not everything
        await FailAsync(delivered.Key, At(181));
        Assert.NotNull(await Ledger.TryClaimAsync(delivered.Key, At(182), Lease, None));
        await Ledger.MarkDeliveredAsync(delivered.Key, At(183), None);
        await FailAsync(failed.Key, At(181));
        Assert.NotNull(await Ledger.TryClaimAsync(failed.Key, At(182), Lease, None));
        await Ledger.MarkFailedAsync(failed.Key, At(183), "550", retryAt: null, None);

        var taken = await TakeRetriesAsync(At(10_000));

        Assert.Equal([lost.Key], taken.Where(k => k.StartsWith(source.ToLowerInvariant(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TakeLost_OfSweepsAtOnce_OnlyOneTakesEachLostRetry()
    {
        var source = NewSource();
        // Enough rows (and sweeps) that the statements overlap: the later one then waits on the earlier one's row locks,
        // and only the repeated condition in the outer WHERE keeps it from taking them again.
        var notifications = Enumerable.Range(0, 400).Select(i => Notification(source, $"{i}")).ToList();
        await Ledger.AddIfAbsentAsync(notifications, None);
        foreach (var n in notifications) await FailAsync(n.Key, At(181));
        using var start = new Barrier(4);

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await TakeRetriesAsync(At(10_000));
        })));

        var mine = sweeps.SelectMany(s => s).Where(k => k.StartsWith(source.ToLowerInvariant(), StringComparison.Ordinal)).ToList();
        Assert.Equal(notifications.Select(n => n.Key).Order(StringComparer.Ordinal), mine.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TakeLost_ReturnsTheEarliestDueLostRetryFirst_UpToTheLimit()
    {
        var source = NewSource();
        var (late, early) = (Notification(source, "1") with { DueAt = At(-300_030) }, Notification(source, "2") with { DueAt = At(-300_040) });
        await Ledger.AddIfAbsentAsync([late, early], None);
        await FailAsync(late.Key, At(-300_030));
        await FailAsync(early.Key, At(-300_030));

        // Other tests' rows share the ledger; half a year before the others' instants, nothing else is lost yet.
        var first = await Ledger.TakeLostAsync(At(-300_000), Lost, 1, None);
        var second = await Ledger.TakeLostAsync(At(-300_000), Lost, 1, None);

        Assert.Equal([early.Key], first.Select(n => n.Key));
        Assert.Equal([late.Key], second.Select(n => n.Key));
    }

    /// <summary>
    /// An attempt that claims the notification and fails for now, at <paramref name="at"/>; its retry is due
    /// <paramref name="delay"/> (10 s, the first back-off) later.
    /// </summary>
    private async Task FailAsync(string key, Instant at, Duration? delay = null)
    {
        Assert.NotNull(await Ledger.TryClaimAsync(key, at, Lease, None));
        await Ledger.MarkFailedAsync(key, at, "421 try later", at + (delay ?? Duration.FromSeconds(10)), None);
    }

    /// <summary>Makes rows look as a failure before schema version 4 left them: no instant for their retry.</summary>
    private async Task ForgetRetryInstantsAsync(params string[] keys)
    {
        foreach (var key in keys) await ExecuteAsync(Fixture.Backend, "UPDATE {p}notifications SET next_attempt_at = NULL WHERE key = @key", new { key });
    }

    private async Task<IReadOnlyList<string>> TakeRetriesAsync(Instant now, LostNotificationRules? rules = null) =>
        [.. (await Ledger.TakeLostAsync(now, rules ?? Lost, 100_000, None)).Select(n => n.Key)];

    private async Task<(DeliveryState, int, Instant?)> StateOf(string key) =>
        await Ledger.GetAsync(key, None) is { } n ? (n.State, n.Attempts, n.LastAttemptAt) : throw new Xunit.Sdk.XunitException($"No notification {key}.");
}
