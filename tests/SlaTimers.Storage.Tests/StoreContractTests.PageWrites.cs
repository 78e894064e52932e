using System.Data.Common;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Tests.Support;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

/// <summary>
/// How a page splits its tickets: those the store did not hold yet are inserted (PostgreSQL: binary COPY), those it held
/// are updated; every clock row is written anew (PostgreSQL: binary COPY after the replaced rows are deleted).
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task SavePage_NewAndStoredTicketsInOnePage_InsertsTheNewAndUpdatesTheStored_AndTheSamePageAgainUpdatesAll()
    {
        var source = NewSource();
        await Tickets.SavePageAsync(Page(source, "c1", [StoredBefore(source, "1"), StoredBefore(source, "3")]), None);
        var page = Page(source, "c2", [.. new[] { "4", "1", "2", "3" }.Select(id => PageTwo(source, id))]);

        await Tickets.SavePageAsync(page, None);
        await AssertMixedPageAsync(source, newVersion: 1, storedVersion: 2);

        await Tickets.SavePageAsync(page, None);
        await AssertMixedPageAsync(source, newVersion: 2, storedVersion: 3);
    }

    private static TicketRecord StoredBefore(string source, string id) =>
        Record(Ticket(source, id, Events(id, 3)), [Clock("customer-acme", Metric.FirstResponse)], firstSeen: At(1));

    private static TicketRecord PageTwo(string source, string id) =>
        Record(Ticket(source, id, Events(id, 5)) with { Subject = $"page 2 of {id}" }, next: At(100 + int.Parse(id)), firstSeen: At(4));

    private async Task AssertMixedPageAsync(string source, long newVersion, long storedVersion)
    {
        foreach (var id in new[] { "1", "2", "3", "4" })
        {
            var wasStored = id is "1" or "3";
            var expected = PageTwo(source, id) with { FirstSeen = wasStored ? At(1) : At(4), Version = wasStored ? storedVersion : newVersion };
            Assert.Equal(Snapshot.Of(expected), Snapshot.Of(await GetRequiredAsync(expected.Key)));
        }
        Assert.Equal("c2", (await Tickets.GetSyncStateAsync(source, None))?.Cursor);
        var timers = (await Timers.GetUnscheduledAsync(At(100_000), 10_000, None)).Where(t => t.Ticket.Source == source);
        Assert.Equal([("1", At(101)), ("2", At(102)), ("3", At(103)), ("4", At(104))], timers.Select(t => (t.Ticket.ExternalId, t.DueAt)).Order());
        Assert.Equal([12], await Fixture.QueryAsync<int>("SELECT count(*) FROM {p}clocks WHERE source = @source", new { source }));
    }

    [Fact]
    public async Task SavePage_ClocksShrinkFromFourToTwo_KeepsOnlyTheTwoInTheirNewOrder()
    {
        var source = NewSource();
        var key = new TicketKey(source, "1");
        System.Collections.Immutable.ImmutableArray<Clock> four = [.. ThreeClocks(), Clock("ola-2nd-line", Metric.FirstResponse, ClockState.Met)];
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"), four)]), None);
        Assert.Equal(4, (await GetRequiredAsync(key)).Clocks.Length);

        System.Collections.Immutable.ImmutableArray<Clock> two = [four[3] with { State = ClockState.BreachedStopped, BreachedAt = At(50) }, four[0]];
        await Tickets.SavePageAsync(Page(source, "c2", [Record(Ticket(source, "1"), two)]), None);

        Assert.Equal(Snapshot.Of(two), Snapshot.Of((await GetRequiredAsync(key)).Clocks));
        Assert.Equal([0, 1], await Fixture.QueryAsync<int>("SELECT ordinal FROM {p}clocks WHERE source = @source ORDER BY ordinal", new { source }));
    }

    [Fact]
    public async Task SavePage_EveryNullableClockColumn_RoundTripsNullAndSet_ToTheMicrosecond()
    {
        var source = NewSource();
        var key = new TicketKey(source, "1");
        var bare = Clock("customer-acme", Metric.FirstResponse, ClockState.Paused) with
        {
            PolicyId = null, Priority = null, CalendarId = null, Stopped = null, StopReason = null, Deadline = null, BreachedAt = null,
        };
        var full = Clock("customer-acme", Metric.Resolution, ClockState.BreachedStopped) with
        {
            Started = Precise(0, 1), Stopped = Precise(45, 2), StopReason = "solved", Deadline = Precise(240, 3), BreachedAt = Precise(241, 4),
        };

        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "1"), [bare, full])]), None);

        var truncated = full with { Started = Micro(0, 1), Stopped = Micro(45, 2), Deadline = Micro(240, 3), BreachedAt = Micro(241, 4) };
        Assert.Equal(Snapshot.Of(new[] { bare, truncated }), Snapshot.Of((await GetRequiredAsync(key)).Clocks));
        Assert.Equal([1], await Fixture.QueryAsync<int>(
            """
            SELECT count(*) FROM {p}clocks WHERE source = @source AND policy_id IS NULL AND priority IS NULL AND calendar_id IS NULL
                AND stopped IS NULL AND stop_reason IS NULL AND deadline IS NULL AND breached_at IS NULL
            """,
            new { source }));
    }

    /// <summary>Minutes after Monday 09:00 plus <paramref name="micros"/> µs and 789 ns, which no engine keeps.</summary>
    private static Instant Precise(int minutes, int micros) => Micro(minutes, micros) + Duration.FromNanoseconds(789);

    private static Instant Micro(int minutes, int micros) => At(minutes) + Duration.FromNanoseconds(micros * 1_000L + 123_456_000L);

    [Fact]
    public async Task SavePage_ClockRowsLeftOfATicketNotStored_FailTheWholePage_AndKeepTheCursor()
    {
        var source = NewSource();
        var events = Events("b", 4);
        await Tickets.SavePageAsync(Page(source, "c1", [Record(Ticket(source, "a")), Record(Ticket(source, "b", events[..2]))]), None);
        // Ticket "a" goes, its clock rows stay: the page stores "a" as new, so nothing replaces them and its clocks collide.
        Assert.Equal(1, await Fixture.ExecuteAsync("DELETE FROM {p}tickets WHERE source = @source AND external_id = 'a'", new { source }));

        var page = Page(source, "c2",
            [Record(Ticket(source, "a", Events("a")), next: At(60)), Record(Ticket(source, "b", events)), Record(Ticket(source, "c", Events("c")), next: At(70))],
            new RejectedTicket(source, "x", "broken", "{}"));
        await Assert.ThrowsAnyAsync<DbException>(() => Tickets.SavePageAsync(page, None));

        await AssertPageWasNotWrittenAsync(source);
        Assert.Equal([3, 3], await Fixture.QueryAsync<int>(
            "SELECT count(*) FROM {p}clocks WHERE source = @source GROUP BY external_id ORDER BY external_id", new { source }));
    }
}
