using NodaTime;
using SlaTimers.Core.Notifications;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

public abstract partial class StoreContractTests
{
    private static readonly Duration Lease = Duration.FromMinutes(5);

    [Fact]
    public async Task AddIfAbsent_ReturnsOnlyTheNewKeys_InTheOrderGiven()
    {
        var source = NewSource();
        var (a, b, c) = (Notification(source, "1", recipient: "a"), Notification(source, "1", recipient: "b"), Notification(source, "1", recipient: "c"));
        Assert.Equal([a.Key, b.Key], await Ledger.AddIfAbsentAsync([a, b, a], None));

        Assert.Equal([c.Key], await Ledger.AddIfAbsentAsync([b, c, a], None));
        Assert.Empty(await Ledger.AddIfAbsentAsync([a, b, c], None));

        var stored = await Ledger.GetAsync(a.Key, None);
        Assert.Equal(Core.Notifications.Notification.MakeKey(a.Ticket, a.ClockKey, a.CheckpointKey, a.Recipient), stored?.Key);
        Assert.Equal(a with { State = DeliveryState.Pending, Attempts = 0 }, stored);
        Assert.Null(await Ledger.GetAsync("no-such-key", None));
    }

    [Fact]
    public async Task PendingForRecipient_IsTheirUnclaimedDueNotifications_EarliestFirst()
    {
        var source = NewSource();
        var ann = $"ann-{source}"; // the store is shared by the tests: a recipient of this test's own
        var later = Notification(source, "1", recipient: ann) with { DueAt = At(200) };
        var earlier = Notification(source, "2", recipient: ann) with { DueAt = At(190) };
        var claimed = Notification(source, "3", recipient: ann);
        var notYetDue = Notification(source, "4", recipient: ann) with { DueAt = At(400) };
        var someoneElse = Notification(source, "5", recipient: "bob");
        await Ledger.AddIfAbsentAsync([later, earlier, claimed, notYetDue, someoneElse], None);
        Assert.NotNull(await Ledger.TryClaimAsync(claimed.Key, At(180), Lease, None));

        var pending = await Ledger.GetPendingForRecipientAsync(ann, At(300), 10, None);

        Assert.Equal([earlier.Key, later.Key], pending.Select(n => n.Key));
        Assert.Equal([earlier.Key], (await Ledger.GetPendingForRecipientAsync(ann, At(300), 1, None)).Select(n => n.Key));
    }

    [Fact]
    public async Task TryClaim_ClaimsOnce_WhileTheLeaseRuns()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);

        var claimed = await Ledger.TryClaimAsync(n.Key, At(180), Lease, None);
        var again = await Ledger.TryClaimAsync(n.Key, At(184), Lease, None);

        Assert.Equal(n with { State = DeliveryState.Sending, Attempts = 1, LastAttemptAt = At(180) }, claimed);
        Assert.Null(again);
        Assert.Null(await Ledger.TryClaimAsync("no-such-key", At(180), Lease, None));
    }

    [Fact]
    public async Task TryClaim_AfterTheLeaseExpired_ClaimsAgain()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(180), Lease, None));

        Assert.DoesNotContain(await TakeLostAsync(At(185)), k => k == n.Key); // lease ends at 185: still held
        Assert.Contains(await TakeLostAsync(At(186)), k => k == n.Key);
        var reclaimed = await Ledger.TryClaimAsync(n.Key, At(186), Lease, None);

        Assert.Equal(2, reclaimed?.Attempts);
        Assert.Equal(DeliveryState.Sending, reclaimed?.State);
    }

    [Fact]
    public async Task MarkDelivered_IsNeverClaimedAgain()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(180), Lease, None));

        await Ledger.MarkDeliveredAsync(n.Key, At(181), None);
        await Ledger.MarkFailedAsync(n.Key, At(182), "late bounce", At(183), None); // delivered stays delivered

        Assert.Null(await Ledger.TryClaimAsync(n.Key, At(10_000), Lease, None));
        Assert.Equal(n with { State = DeliveryState.Delivered, Attempts = 1, LastAttemptAt = At(180), DeliveredAt = At(181) }, await Ledger.GetAsync(n.Key, None));
        Assert.DoesNotContain(await TakeLostAsync(At(10_000)), k => k == n.Key);
    }

    [Fact]
    public async Task MarkFailed_Retry_ReturnsToPending_Permanent_EndsIt()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        Assert.NotNull(await Ledger.TryClaimAsync(n.Key, At(180), Lease, None));

        await Ledger.MarkFailedAsync(n.Key, At(181), "421 try later", At(182), None);
        Assert.Equal(n with { State = DeliveryState.Pending, Attempts = 1, LastAttemptAt = At(181), NextAttemptAt = At(182), LastError = "421 try later" }, await Ledger.GetAsync(n.Key, None));
        Assert.DoesNotContain(await TakeLostAsync(At(187)), k => k == n.Key); // its retry is due at 182: lost only after the grace
        Assert.Equal(2, (await Ledger.TryClaimAsync(n.Key, At(182), Lease, None))?.Attempts);

        await Ledger.MarkFailedAsync(n.Key, At(183), "550 no such user", retryAt: null, None);
        Assert.Equal(n with { State = DeliveryState.Failed, Attempts = 2, LastAttemptAt = At(183), LastError = "550 no such user" }, await Ledger.GetAsync(n.Key, None));
        Assert.Null(await Ledger.TryClaimAsync(n.Key, At(10_000), Lease, None));
        Assert.DoesNotContain(await TakeLostAsync(At(20_000)), k => k == n.Key);
    }

    [Fact]
    public async Task Mark_UnknownKey_Throws()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Ledger.MarkDeliveredAsync("no-such-key", At(1), None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Ledger.MarkFailedAsync("no-such-key", At(1), "x", retryAt: null, None));
    }

    [Fact]
    public async Task TryClaim_TenConcurrentClaimers_ExactlyOneWins()
    {
        var n = Notification(NewSource(), "1");
        await Ledger.AddIfAbsentAsync([n], None);
        using var start = new Barrier(10);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await Ledger.TryClaimAsync(n.Key, At(180), Lease, None);
        })));

        Assert.Single(claims, c => c is not null);
        Assert.Equal(1, (await Ledger.GetAsync(n.Key, None))?.Attempts);
    }
}
