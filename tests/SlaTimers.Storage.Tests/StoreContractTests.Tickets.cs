using System.Data.Common;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Tests.Support;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task SavePage_ThenGetTickets_ReturnsTicketTimelineClocksAndNextCheckpoint()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "4821", Events("4821")), next: At(180));

        await Tickets.SavePageAsync(Page(source, "cursor-1", [record]), None);

        var stored = await GetRequiredAsync(record.Key);
        Assert.Equal(Snapshot.Of(record with { Version = 1 }), Snapshot.Of(stored));
        Assert.Equal("ZD-4821", stored.Ticket.DisplayId);
        Assert.Contains("VIP", stored.Ticket.Fields.Tags); // the domain's case-insensitive sets survive the round trip
        Assert.Equal("EMEA", stored.Ticket.Fields.Custom["region"]);
    }

    [Fact]
    public async Task SavePage_StoresCursorAndQuarantinesRejectedTickets()
    {
        var source = NewSource();
        var rejected = new RejectedTicket(source, "13", "no status", """{"id":13}""");

        await Tickets.SavePageAsync(Page(source, "cursor-1", [Record(Ticket(source, "1", Events("1")))], rejected), None);

        var state = await Tickets.GetSyncStateAsync(source, None);
        Assert.Equal(new Core.Storage.SyncState(source, "cursor-1", At(5), At(5), null), state);
        var quarantined = await Fixture.QueryAsync<(string, string, string, string)>(
            "SELECT external_id, reason, payload, source FROM {p}quarantine WHERE source = @source", new { source });
        Assert.Equal([("13", "no status", """{"id":13}""", source)], quarantined);
        Assert.Null(await Tickets.GetSyncStateAsync(NewSource(), None));
    }

    [Fact]
    public async Task SavePage_SamePageTwice_LeavesTheTimelineAsItWas()
    {
        var source = NewSource();
        var page = Page(source, "cursor-1", [Record(Ticket(source, "1", Events("1", 10)))]);

        await Tickets.SavePageAsync(page, None);
        var first = await GetRequiredAsync(new TicketKey(source, "1"));
        await Tickets.SavePageAsync(page, None);
        var second = await GetRequiredAsync(new TicketKey(source, "1"));

        Assert.Equal(10, second.Ticket.Timeline.Length);
        Assert.Equal(Snapshot.Of(first.Ticket.Timeline), Snapshot.Of(second.Ticket.Timeline));
    }

    [Fact]
    public async Task SavePage_OverlappingPage_AppendsOnlyNewEvents()
    {
        var source = NewSource();
        var events = Events("1", 6);
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1", events[..4]))]), None);

        // The next window overlaps: two known events (one by id, one id-less by value) and two new ones.
        var reply = TicketEvent.Reply(At(30));
        await Tickets.SavePageAsync(Page(source, "c2", [Record(Ticket(source, "1", [events[0], events[1], events[4], events[5], reply]))]), None);

        var stored = await GetRequiredAsync(new TicketKey(source, "1"));
        Assert.Equal(Snapshot.Of(events.Append(reply)), Snapshot.Of(stored.Ticket.Timeline));
    }

    [Theory]
    [InlineData(0, 6)] // the whole history again, with two new events at the end
    [InlineData(4, 6)] // only the new events (an incremental event feed)
    [InlineData(2, 5)] // some known, one new
    public async Task SavePage_LaterPage_AppendsTheNewEventsOnce(int from, int to)
    {
        var source = NewSource();
        var events = Events("1", 6);
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1", events[..4]))]), None);

        await Tickets.SavePageAsync(Page(source, "c2", [Record(Ticket(source, "1", events[from..to]))]), None);
        await Tickets.SavePageAsync(Page(source, "c3", [Record(Ticket(source, "1", events[from..to]))]), None);

        var stored = await GetRequiredAsync(new TicketKey(source, "1"));
        Assert.Equal(Snapshot.Of(events[..Math.Max(4, to)]), Snapshot.Of(stored.Ticket.Timeline));
    }

    [Fact]
    public async Task SavePage_TicketSeenAgain_KeepsFirstSeenAndReplacesClocks()
    {
        var source = NewSource();
        var key = new TicketKey(source, "1");
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"), firstSeen: At(2))]), None);

        var later = Record(Ticket(source, "1") with { Subject = "Printer fixed?" }, [Clock("customer-acme", Metric.Resolution, ClockState.Paused)], firstSeen: At(60));
        await Tickets.SavePageAsync(Page(source, "c2", [later]), None);

        var stored = await GetRequiredAsync(key);
        Assert.Equal(At(2), stored.FirstSeen);
        Assert.Equal("Printer fixed?", stored.Ticket.Subject);
        Assert.Equal(Snapshot.Of(later.Clocks), Snapshot.Of(stored.Clocks));
    }

    [Fact]
    public async Task SavePage_SameTicketTwiceInOnePage_KeepsTheLastRecordAndAllEvents()
    {
        var source = NewSource();
        var events = Events("1", 4);
        var first = Record(Ticket(source, "1", events[..2]));
        var second = Record(Ticket(source, "1", events[2..]) with { Subject = "second" });

        await Tickets.SavePageAsync(Page(source, "c1", [first, second]), None);

        var stored = await GetRequiredAsync(new TicketKey(source, "1"));
        Assert.Equal("second", stored.Ticket.Subject);
        Assert.Equal(Snapshot.Of(events), Snapshot.Of(stored.Ticket.Timeline));
    }

    [Fact]
    public async Task SavePage_ClockFailsMidPage_WritesNothingAndKeepsTheCursor()
    {
        var source = NewSource();
        var events = Events("b", 4);
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "b", events[..2]))]), None);

        // Ticket "b" sorts between "a" and "c"; its clock breaks a constraint (cycles start at 1) after "a" was written.
        var bad = Record(Ticket(source, "b", events), [Clock("customer-acme", Metric.Resolution, cycle: 0)], next: At(90));
        var page = Page(source, "c2", [Record(Ticket(source, "a", Events("a")), next: At(60)), bad, Record(Ticket(source, "c", Events("c")))],
            new RejectedTicket(source, "x", "broken", "{}"));
        await Assert.ThrowsAnyAsync<DbException>(() => Tickets.SavePageAsync(page, None));

        await AssertPageWasNotWrittenAsync(source);
    }

    [Fact]
    public async Task SavePage_TicketBreaksAConstraint_WritesNothingAndKeepsTheCursor()
    {
        var source = NewSource();
        var events = Events("b", 4);
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "b", events[..2]))]), None);

        var page = Page(source, "c2",
            [Record(Ticket(source, "a", Events("a")), next: At(60)), Record(Ticket(source, "b", events)), Record(Ticket(source, ""))],
            new RejectedTicket(source, "x", "broken", "{}"));
        await Assert.ThrowsAnyAsync<DbException>(() => Tickets.SavePageAsync(page, None));

        await AssertPageWasNotWrittenAsync(source);
    }

    private async Task AssertPageWasNotWrittenAsync(string source)
    {
        Assert.Equal("c1", (await Tickets.GetSyncStateAsync(source, None))?.Cursor);
        var stored = await Tickets.GetTicketsAsync([new TicketKey(source, "a"), new TicketKey(source, "b"), new TicketKey(source, "c")], None);
        Assert.Equal([new TicketKey(source, "b")], stored.Keys);
        Assert.Equal(2, stored[new TicketKey(source, "b")].Ticket.Timeline.Length);
        Assert.Equal(3, stored[new TicketKey(source, "b")].Clocks.Length);
        Assert.Empty(await Fixture.QueryAsync<string>("SELECT reason FROM {p}quarantine WHERE source = @source", new { source }));
        Assert.DoesNotContain(await Timers.GetUnscheduledAsync(At(100_000), 10_000, None), t => t.Ticket.Source == source);
    }

    [Fact]
    public async Task GetOpenTickets_PagesByKey_AndLeavesOutDoneTickets()
    {
        var source = NewSource();
        var ids = new[] { "1", "10", "2", "3", "4", "5" };
        var records = ids.Select(id => Record(Ticket(source, id))).ToList();
        records[2] = Closed(records[2]);
        await Tickets.SavePageAsync(Page(source, "c1", records), None);

        var seen = new List<string>();
        TicketKey? after = new TicketKey(source, "");
        while (true)
        {
            var page = await Tickets.GetOpenTicketsAsync(after, 2, None);
            Assert.InRange(page.Count, 0, 2);
            var mine = page.Where(r => r.Key.Source == source).ToList();
            seen.AddRange(mine.Select(r => r.Key.ExternalId));
            Assert.All(mine, r => Assert.Equal(3, r.Clocks.Length));
            if (mine.Count < page.Count || page.Count < 2) break;
            after = page[^1].Key;
        }

        Assert.Equal(["1", "10", "3", "4", "5"], seen); // ordinal key order; "2" is solved
    }

    [Fact]
    public async Task GetOpenTickets_WithoutAfter_StartsAtTheFirstKey()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"))]), None);

        var first = await Tickets.GetOpenTicketsAsync(null, 1, None);
        var all = await Tickets.GetOpenTicketsAsync(null, 100_000, None);

        Assert.Single(first);
        Assert.Equal(all[0].Key, first[0].Key);
        Assert.Contains(all, r => r.Key == new TicketKey(source, "1"));
    }

    [Fact]
    public async Task SaveEvaluations_ReplacesClocksAndTimer_AndKeepsTheTimeline()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1", Events("1")), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);
        var read = await GetRequiredAsync(record.Key);

        var evaluated = read with
        {
            Ticket = read.Ticket with { Timeline = [] },
            EvaluatedAt = At(200),
            Clocks = [Clock("customer-acme", Metric.Resolution, ClockState.BreachedRunning)],
            NextCheckpointAt = At(300),
        };
        Assert.Empty(await Tickets.SaveEvaluationsAsync([evaluated], None));

        var stored = await GetRequiredAsync(record.Key);
        Assert.Equal(At(200), stored.EvaluatedAt);
        Assert.Equal(At(300), stored.NextCheckpointAt);
        Assert.Equal(Snapshot.Of(evaluated.Clocks), Snapshot.Of(stored.Clocks));
        Assert.Equal(Snapshot.Of(record.Ticket.Timeline), Snapshot.Of(stored.Ticket.Timeline));
        var timer = Assert.Single(await Timers.GetUnscheduledAsync(At(100_000), 10_000, None), t => t.Ticket.Source == source);
        Assert.Equal(At(300), timer.DueAt);
    }

    [Fact]
    public async Task Version_StartsAt1_AndEveryPageAndEvaluationMovesItOn()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1", Events("1")), next: At(180));

        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);
        Assert.Equal(1, (await GetRequiredAsync(record.Key)).Version);
        await Tickets.SavePageAsync(Page(source, "c2", [record]), None); // even a page that changes nothing is a write
        var read = await GetRequiredAsync(record.Key);
        Assert.Equal(2, read.Version);
        Assert.Empty(await Tickets.SaveEvaluationsAsync([read with { EvaluatedAt = At(200) }], None));

        Assert.Equal(3, (await GetRequiredAsync(record.Key)).Version);
    }

    [Fact]
    public async Task SaveEvaluations_OfAStateANewerPageReplaced_IsSkipped_AndTheNewerPagesClocksAndTimerStay()
    {
        var source = NewSource();
        var (key, other) = (new TicketKey(source, "1"), new TicketKey(source, "2"));
        // Ticket 1 is solved (no timer); a timer reads it, and the reopen's page commits before the timer saves.
        await Tickets.SavePageAsync(Page(source, "c1", [Closed(Record(Ticket(source, "1", Events("1")))), Record(Ticket(source, "2"), next: At(180))]), None);
        var read = await Tickets.GetTicketsAsync([key, other], None);
        var reopened = Record(Ticket(source, "1", [.. Events("1"), TicketEvent.StatusChange(At(50), StatusCategory.Open, "Open", id: "1-reopen")]),
            [Clock("customer-acme", Metric.Resolution, ClockState.Running, cycle: 2)], next: At(400)) with { EvaluatedAt = At(50) };
        await Tickets.SavePageAsync(Page(source, "c2", [reopened]), None);

        var stale = await Tickets.SaveEvaluationsAsync(
            [read[key] with { EvaluatedAt = At(60), Clocks = [Clock("customer-acme", Metric.Resolution, ClockState.Met)], NextCheckpointAt = null },
             read[other] with { EvaluatedAt = At(60), NextCheckpointAt = At(240) }],
            None);

        Assert.Equal([key], stale);
        var stored = await GetRequiredAsync(key);
        Assert.Equal(Snapshot.Of(reopened.Clocks), Snapshot.Of(stored.Clocks));
        Assert.Equal((At(50), At(400), 2L), (stored.EvaluatedAt, stored.NextCheckpointAt, stored.Version));
        Assert.Contains(await Tickets.GetOpenTicketsAsync(new TicketKey(source, ""), 10, None), r => r.Key == key); // still open
        var timers = (await Timers.GetUnscheduledAsync(At(100_000), 10_000, None)).Where(t => t.Ticket.Source == source).ToDictionary(t => t.Ticket, t => t.DueAt);
        Assert.Equal(At(400), timers[key]); // the reopened ticket keeps its timer
        // The other ticket of the same call was still at the version read: saved.
        var saved = await GetRequiredAsync(other);
        Assert.Equal((At(60), At(240), 2L), (saved.EvaluatedAt, saved.NextCheckpointAt, saved.Version));
        Assert.Equal(At(240), timers[other]);
    }

    [Fact]
    public async Task SaveEvaluations_TwoEvaluationsOfOneVersion_TheSecondIsStale()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"), next: At(180))]), None);
        var read = await GetRequiredAsync(new TicketKey(source, "1"));

        Assert.Empty(await Tickets.SaveEvaluationsAsync([read with { EvaluatedAt = At(200), NextCheckpointAt = At(300) }], None));
        Assert.Equal([read.Key], await Tickets.SaveEvaluationsAsync([read with { EvaluatedAt = At(190), NextCheckpointAt = At(250) }], None));

        var stored = await GetRequiredAsync(read.Key);
        Assert.Equal((At(200), At(300)), (stored.EvaluatedAt, stored.NextCheckpointAt));
    }

    [Fact]
    public async Task SaveEvaluations_TenConcurrentSavesOfOneVersion_ExactlyOneIsSaved()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"), next: At(180))]), None);
        var read = await GetRequiredAsync(new TicketKey(source, "1"));
        using var start = new Barrier(10);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            var evaluated = read with { EvaluatedAt = At(200 + i), Clocks = [Clock("customer-acme", Metric.Resolution, cycle: i + 1)], NextCheckpointAt = At(300 + i) };
            return (Index: i, Stale: await Tickets.SaveEvaluationsAsync([evaluated], None));
        })));

        var winner = Assert.Single(results, r => r.Stale.Count == 0).Index;
        var stored = await GetRequiredAsync(read.Key);
        Assert.Equal((At(200 + winner), At(300 + winner), 2L), (stored.EvaluatedAt, stored.NextCheckpointAt, stored.Version));
        Assert.Equal(winner + 1, Assert.Single(stored.Clocks).Cycle); // the winner's clocks, not a mix
    }

    [Fact]
    public async Task SaveEvaluations_TicketNotStored_ThrowsAndWritesNothing()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"), next: At(180))]), None);
        var stored = await GetRequiredAsync(new TicketKey(source, "1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Tickets.SaveEvaluationsAsync(
            [stored with { EvaluatedAt = At(200), Clocks = [] }, Record(Ticket(source, "404")) with { Version = 1 }], None));

        Assert.Contains("not stored: hd-", error.Message);
        Assert.Contains("404", error.Message);
        var after = await GetRequiredAsync(stored.Key);
        Assert.Equal((At(3), 1L), (after.EvaluatedAt, after.Version));
        Assert.Equal(3, after.Clocks.Length);
    }

    [Fact]
    public async Task RecordSyncFailure_KeepsTheCursor_AndTheNextPageClearsTheError()
    {
        var source = NewSource();
        await Tickets.RecordSyncFailureAsync(source, At(1), "401 from the helpdesk", None);
        Assert.Equal(new Core.Storage.SyncState(source, null, null, At(1), "401 from the helpdesk"), await Tickets.GetSyncStateAsync(source, None));

        await Tickets.SavePageAsync(Page(source, "c1", []), None);
        await Tickets.RecordSyncFailureAsync(source, At(10), "timeout", None);
        Assert.Equal(new Core.Storage.SyncState(source, "c1", At(5), At(10), "timeout"), await Tickets.GetSyncStateAsync(source, None));

        await Tickets.SavePageAsync(Page(source, "c2", []) with { SyncedAt = At(20) }, None);
        Assert.Equal(new Core.Storage.SyncState(source, "c2", At(20), At(20), null), await Tickets.GetSyncStateAsync(source, None));
    }

    [Fact]
    public async Task Instants_KeepMicroseconds_OnEveryEngine()
    {
        var source = NewSource();
        var precise = At(180) + Duration.FromNanoseconds(1_234_567); // 1.234567 ms: sub-microsecond digits are dropped
        var record = Record(Ticket(source, "1"), next: precise) with { EvaluatedAt = precise };
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);

        var stored = await GetRequiredAsync(record.Key);
        var expected = At(180) + Duration.FromNanoseconds(1_234_000);
        Assert.Equal(expected, stored.EvaluatedAt);
        Assert.Equal(expected, stored.NextCheckpointAt);
        // The timer matches the instant as given, whatever the precision.
        Assert.True(await Timers.RecordScheduledAsync(record.Key, precise, "job-1", None));
    }
}
