using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Compliance;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Queries;
using SlaTimers.Storage.Tests.Support;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

/// <summary>
/// The dashboard's queries (<see cref="ISlaQueries"/>), on both engines. They read across all tickets, so each
/// test works on a fresh database of its own instead of the class's shared one.
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task GetOpenClocks_ListsOpenClocksWithADeadline_EarliestFirst_WithTheirTicket()
    {
        var (backend, queries) = await FreshAsync();
        var source = NewSource();
        await backend.Tickets.SavePageAsync(Page(source, "c1",
        [
            Record(Ticket(source, "1"),
            [
                Clock("customer-acme", Metric.FirstResponse, ClockState.Met),
                Clock("customer-acme", Metric.Resolution) with { Deadline = At(300) },
                Clock("ola-2nd-line", Metric.Resolution, ClockState.Paused),
            ]),
            Record(Ticket(source, "2") with { Subject = "<script>alert(1)</script>" },
            [
                Clock("customer-acme", Metric.Resolution, ClockState.BreachedRunning) with { Deadline = At(100), BreachedAt = At(100) },
                Clock("customer-acme", Metric.FirstResponse, ClockState.Cancelled),
            ]),
            Record(Ticket(source, "3"), [Clock("customer-acme", Metric.Resolution) with { Deadline = At(200) }]),
        ]), None);

        var open = await queries.GetOpenClocksAsync(10, None);

        Assert.Equal([("2", At(100)), ("3", At(200)), ("1", At(300))], open.Select(c => (c.Ticket.ExternalId, c.Clock.Deadline!.Value)));
        var first = open[0];
        Assert.Equal((new TicketKey(source, "2"), "ZD-2", "<script>alert(1)</script>", "https://helpdesk.example.com/tickets/2"),
            (first.Ticket, first.DisplayId, first.Subject, first.Link));
        Assert.Equal((ClockState.BreachedRunning, "customer-acme/resolution/1", "vip-high", "high"),
            (first.Clock.State, first.Clock.Key, first.Clock.PolicyId, first.Clock.Priority));
        Assert.Equal(2, (await queries.GetOpenClocksAsync(2, None)).Count);
    }

    [Fact]
    public async Task GetBreaches_ListsClocksBreachedInTheHalfOpenPeriod_LatestFirst()
    {
        var (backend, queries) = await FreshAsync();
        var source = NewSource();
        Clock Breached(Metric metric, int at, ClockState state = ClockState.BreachedStopped) =>
            Clock("customer-acme", metric, state) with { Deadline = At(at), BreachedAt = At(at) };
        await backend.Tickets.SavePageAsync(Page(source, "c1",
        [
            Record(Ticket(source, "before"), [Breached(Metric.Resolution, 59)]),
            Record(Ticket(source, "start"), [Breached(Metric.Resolution, 60), Clock("customer-acme", Metric.FirstResponse, ClockState.Met)]),
            Record(Ticket(source, "inside"), [Breached(Metric.FirstResponse, 90, ClockState.BreachedRunning)]),
            Record(Ticket(source, "end"), [Breached(Metric.Resolution, 120)]),
        ]), None);

        var breaches = await queries.GetBreachesAsync(At(60), At(120), 10, None);

        Assert.Equal([("inside", ClockState.BreachedRunning), ("start", ClockState.BreachedStopped)],
            breaches.Select(b => (b.Ticket.ExternalId, b.Clock.State)));
        Assert.Equal(At(60), breaches[1].Clock.BreachedAt);
        Assert.Single(await queries.GetBreachesAsync(At(60), At(120), 1, None));
    }

    [Fact]
    public async Task GetClocksForPeriod_GivesTheCalculatorEveryClockThatCounts_SoTheReportIsTheSameAsOverAllClocks()
    {
        var (backend, queries) = await FreshAsync();
        var source = NewSource();
        var period = ReportingPeriod.Between(At(60), At(120));
        Clock Acme(Metric metric, ClockState state, int started, int? stopped = null, int? breached = null) =>
            Clock("customer-acme", metric, state) with
            {
                Started = At(started),
                Stopped = stopped is { } s ? At(s) : null,
                Deadline = breached is { } b ? At(b) : At(started + 240),
                BreachedAt = breached is { } d ? At(d) : null,
            };
        var clocks = new Dictionary<string, Clock>
        {
            ["met-before"] = Acme(Metric.Resolution, ClockState.Met, 0, stopped: 59),
            ["met-at-start"] = Acme(Metric.Resolution, ClockState.Met, 0, stopped: 60),
            ["met-at-end"] = Acme(Metric.Resolution, ClockState.Met, 30, stopped: 120),
            ["breached-inside"] = Acme(Metric.Resolution, ClockState.BreachedStopped, 0, stopped: 130, breached: 100),
            ["breached-before-still-running"] = Acme(Metric.Resolution, ClockState.BreachedRunning, 0, breached: 50),
            ["running"] = Acme(Metric.Resolution, ClockState.Running, 10),
            ["starts-after"] = Acme(Metric.Resolution, ClockState.Running, 120),
            ["cancelled-before"] = Acme(Metric.Resolution, ClockState.Cancelled, 0, stopped: 50),
            ["cancelled-after"] = Acme(Metric.Resolution, ClockState.Cancelled, 0, stopped: 150),
        };
        await backend.Tickets.SavePageAsync(Page(source, "c1", clocks.Select(c => Record(Ticket(source, c.Key), [c.Value]))), None);

        var read = await queries.GetClocksForPeriodAsync(period.Start, period.End, None);

        Assert.Equal(["breached-inside", "cancelled-after", "met-at-end", "met-at-start", "running"], read.Select(r => r.ExternalId).Order(StringComparer.Ordinal));
        var agreement = new Agreement { Id = "customer-acme", Name = "Acme", Kind = AgreementKind.External, Policies = [] };
        var all = clocks.Select(c => new ClockRecord(source, c.Key, c.Value));
        Assert.Equal(
            Snapshot.Of(ComplianceCalculator.Summarize(all, [agreement], period)),
            Snapshot.Of(ComplianceCalculator.Summarize(read, [agreement], period)));
        var figures = ComplianceCalculator.Summarize(read, [agreement], period).Agreements[0].Figures;
        Assert.Equal((1, 1, 3), (figures.Met, figures.Breached, figures.Open));
    }

    [Fact]
    public async Task GetFailedNotifications_ListsOnlyFailedOnes_WithTheirErrorAndTicket_LatestFirst()
    {
        var (backend, queries) = await FreshAsync();
        var source = NewSource();
        await backend.Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1") with { Subject = "Mail <b>bounced</b>" })]), None);
        var (bounced, later, retried, delivered, orphan) = (
            Notification(source, "1", recipient: "bob"), Notification(source, "1", recipient: "carol"),
            Notification(source, "1", recipient: "dave"), Notification(source, "1", recipient: "erin"),
            Notification(source, "gone", recipient: "bob"));
        await backend.Ledger.AddIfAbsentAsync([bounced, later, retried, delivered, orphan], None);
        await backend.Ledger.MarkFailedAsync(bounced.Key, At(181), "550 5.1.1 mailbox unavailable", retryAt: null, None);
        await backend.Ledger.MarkFailedAsync(later.Key, At(183), "no address", retryAt: null, None);
        await backend.Ledger.MarkFailedAsync(retried.Key, At(182), "421 try later", At(183), None);
        await backend.Ledger.MarkDeliveredAsync(delivered.Key, At(182), None);
        await backend.Ledger.MarkFailedAsync(orphan.Key, At(180), "the ticket is gone", retryAt: null, None);

        var failed = await queries.GetFailedNotificationsAsync(10, None);

        Assert.Equal([later.Key, bounced.Key, orphan.Key], failed.Select(f => f.Notification.Key));
        var first = failed[1];
        Assert.Equal((DeliveryState.Failed, "550 5.1.1 mailbox unavailable", At(181)), (first.Notification.State, first.Notification.LastError, first.FailedAt));
        Assert.Equal(("ZD-1", "Mail <b>bounced</b>", "https://helpdesk.example.com/tickets/1"), (first.DisplayId, first.Subject, first.Link));
        Assert.Equal((null, null, null), (failed[2].DisplayId, failed[2].Subject, failed[2].Link));
        Assert.Single(await queries.GetFailedNotificationsAsync(1, None));
    }

    [Fact]
    public async Task GetQuarantine_ListsRejectedTickets_LatestFirst()
    {
        var (backend, queries) = await FreshAsync();
        var source = NewSource();
        await backend.Tickets.SavePageAsync(Page(source, "c1", [], new RejectedTicket(source, "13", "no status", """{"id":13}""")), None);
        await backend.Tickets.SavePageAsync(
            new SyncPageWrite(source, "c2", At(9), [], [new RejectedTicket(source, null, "no id", "{}"), new RejectedTicket(source, "14", "<b>bad</b> priority", "{}")]), None);

        var quarantined = await queries.GetQuarantineAsync(10, None);

        // The same instant: the later row first.
        Assert.Equal([("14", "<b>bad</b> priority", At(9)), (null, "no id", At(9)), ("13", "no status", At(5))],
            quarantined.Select(q => (q.ExternalId, q.Reason, q.At)));
        Assert.All(quarantined, q => Assert.Equal(source, q.Source));
        Assert.Equal(At(9), Assert.Single(await queries.GetQuarantineAsync(1, None)).At);
    }

    [Fact]
    public async Task GetSyncStates_ListsEveryHelpdesk_WithItsLastSuccessAndError()
    {
        var (backend, queries) = await FreshAsync();
        await backend.Tickets.SavePageAsync(Page("b-desk", "cursor-1", []), None);
        await backend.Tickets.RecordSyncFailureAsync("a-desk", At(7), "401 Unauthorized", None);
        await backend.Tickets.RecordSyncFailureAsync("b-desk", At(8), "timeout", None);

        var states = await queries.GetSyncStatesAsync(None);

        Assert.Equal(
            [new SyncState("a-desk", null, null, At(7), "401 Unauthorized"), new SyncState("b-desk", "cursor-1", At(5), At(8), "timeout")],
            states);
    }

    [Fact]
    public async Task GetCounts_CountsOpenClocksByState_BreachesSince_AndTheLedgerByState()
    {
        var (backend, queries) = await FreshAsync();
        var empty = await queries.GetCountsAsync(At(0), None);
        Assert.Equal((0, 0, 0), (empty.OpenClocks.Count, empty.BreachedSince, empty.Notifications.Count));

        var source = NewSource();
        await backend.Tickets.SavePageAsync(Page(source, "c1",
        [
            Record(Ticket(source, "1")), // met, running, breached-running (breached at 240)
            Record(Ticket(source, "2"), [Clock("a", Metric.Resolution, ClockState.Paused), Clock("a", Metric.FirstResponse, ClockState.BreachedStopped) with { BreachedAt = At(100) }]),
        ]), None);
        var (a, b, c) = (Notification(source, "1", recipient: "a"), Notification(source, "1", recipient: "b"), Notification(source, "1", recipient: "c"));
        await backend.Ledger.AddIfAbsentAsync([a, b, c], None);
        await backend.Ledger.MarkFailedAsync(a.Key, At(181), "550", retryAt: null, None);

        var counts = await queries.GetCountsAsync(At(200), None);

        Assert.Equal(
            new Dictionary<ClockState, int> { [ClockState.Running] = 1, [ClockState.Paused] = 1, [ClockState.BreachedRunning] = 1 },
            counts.OpenClocks.OrderBy(kv => kv.Key).ToDictionary());
        Assert.Equal(1, counts.BreachedSince);
        Assert.Equal(2, (await queries.GetCountsAsync(At(100), None)).BreachedSince);
        Assert.Equal(new Dictionary<DeliveryState, int> { [DeliveryState.Pending] = 2, [DeliveryState.Failed] = 1 }, counts.Notifications.OrderBy(kv => kv.Key).ToDictionary());
    }

    [Fact]
    public async Task GetTimerBacklog_CountsTimersPastTheirInstant_WaitingSinceIt_OrSinceTheirEvaluationWhenLater()
    {
        var (backend, queries) = await FreshAsync();
        Assert.Equal(new TimerBacklog(0, null), await queries.GetTimerBacklogAsync(At(1_000), None));

        var source = NewSource();
        await backend.Tickets.SavePageAsync(Page(source, "c1",
        [
            Record(Ticket(source, "1"), next: At(300)) with { EvaluatedAt = At(100) },
            // Synced when its checkpoint was already behind it: due at once, waiting since its evaluation.
            Record(Ticket(source, "2"), next: At(200)) with { EvaluatedAt = At(400) },
            Record(Ticket(source, "3"), next: At(900)) with { EvaluatedAt = At(100) },
            Record(Ticket(source, "4")) with { EvaluatedAt = At(100) },
        ]), None);

        Assert.Equal(new TimerBacklog(0, null), await queries.GetTimerBacklogAsync(At(199), None));
        Assert.Equal(new TimerBacklog(2, At(300)), await queries.GetTimerBacklogAsync(At(500), None));
        Assert.Equal(new TimerBacklog(3, At(300)), await queries.GetTimerBacklogAsync(At(900), None));
        Assert.Equal(Duration.FromMinutes(200), (await queries.GetTimerBacklogAsync(At(500), None)).Lag(At(500)));

        // A timer that fired and found its next checkpoint is no longer overdue.
        var fired = (await backend.Tickets.GetTicketsAsync([new TicketKey(source, "1")], None)).Values.Single();
        await backend.Tickets.SaveEvaluationsAsync([fired with { EvaluatedAt = At(501), NextCheckpointAt = At(2_000) }], None);
        Assert.Equal(new TimerBacklog(1, At(400)), await queries.GetTimerBacklogAsync(At(502), None));
    }

    [Fact]
    public async Task GetDeliveryBacklog_CountsUndeliveredPastTheirInstant_FromTheirRecordingWhenLater_LeavingHeldOnesOut()
    {
        var (backend, queries) = await FreshAsync();
        var digest = new DigestHold(Duration.FromMinutes(10), "warn-", ["person:", "email:"]);
        Assert.Equal(new DeliveryBacklog(0, 0, null), await queries.GetDeliveryBacklogAsync(At(1_000), digest, None));

        var source = NewSource();
        Notification Make(string ticket, string checkpoint, string recipient, int due, int? recorded) =>
            Notification(source, ticket, checkpoint, recipient) with { DueAt = At(due), RecordedAt = recorded is { } r ? At(r) : null };
        var breach = Make("1", "breach", "person:ann", due: 180, recorded: 180);
        var toChannel = Make("2", "warn-75%", "channel:ops", due: 200, recorded: 250); // recorded late: waits since then
        var digestible = Make("3", "WARN-50%", "Person:bob", due: 190, recorded: 190); // waits a window longer
        var heldForQuietHours = Make("4", "breach", "person:cy", due: 500, recorded: 185);
        var beforeVersion5 = Make("5", "breach", "person:dee", due: 195, recorded: null);
        var retrying = Make("6", "breach", "person:eve", due: 210, recorded: 210);
        var delivered = Make("7", "breach", "person:fay", due: 100, recorded: 100);
        var failedForGood = Make("8", "breach", "person:gus", due: 100, recorded: 100);
        await backend.Ledger.AddIfAbsentAsync([breach, toChannel, digestible, heldForQuietHours, beforeVersion5, retrying, delivered, failedForGood], None);
        Assert.NotNull(await backend.Ledger.TryClaimAsync(retrying.Key, At(211), Duration.FromMinutes(5), None));
        await backend.Ledger.MarkFailedAsync(retrying.Key, At(211), "421 try later", retryAt: At(300), None);
        await backend.Ledger.MarkDeliveredAsync(delivered.Key, At(101), None);
        await backend.Ledger.MarkFailedAsync(failedForGood.Key, At(101), "no address", retryAt: null, None);

        Assert.Equal((At(250), (Instant?)null), ((await backend.Ledger.GetAsync(toChannel.Key, None))!.RecordedAt, (await backend.Ledger.GetAsync(beforeVersion5.Key, None))!.RecordedAt));
        Assert.Equal(new DeliveryBacklog(0, 0, null), await queries.GetDeliveryBacklogAsync(At(179), digest, None));
        Assert.Equal(new DeliveryBacklog(2, 0, At(180)), await queries.GetDeliveryBacklogAsync(At(195), digest, None));
        Assert.Equal(new DeliveryBacklog(5, 1, At(180)), await queries.GetDeliveryBacklogAsync(At(260), digest, None));
        Assert.Equal(new DeliveryBacklog(5, 1, At(180)), await queries.GetDeliveryBacklogAsync(At(260), null, None));
        Assert.Equal(new DeliveryBacklog(3, 0, At(180)), await queries.GetDeliveryBacklogAsync(At(199), null, None));

        await backend.Ledger.MarkDeliveredAsync(breach.Key, At(261), None);
        Assert.Equal(new DeliveryBacklog(4, 1, At(195)), await queries.GetDeliveryBacklogAsync(At(262), digest, None));
        await backend.Ledger.MarkDeliveredAsync(beforeVersion5.Key, At(263), None);
        Assert.Equal(new DeliveryBacklog(3, 1, At(200)), await queries.GetDeliveryBacklogAsync(At(264), digest, None));
        Assert.Equal(new DeliveryBacklog(4, 1, At(200)), await queries.GetDeliveryBacklogAsync(At(600), digest, None)); // the quiet hours are over
        Assert.Equal(Duration.FromMinutes(400), (await queries.GetDeliveryBacklogAsync(At(600), digest, None)).Lag(At(600)));
    }

    /// <summary>A migrated database of this test's own, and the queries over it.</summary>
    private async Task<(StorageBackend Backend, ISlaQueries Queries)> FreshAsync()
    {
        var backend = await Fixture.CreateEmptyAsync();
        await backend.Migrator.MigrateAsync();
        return (backend, new SqlSlaQueries(backend.Database));
    }
}
