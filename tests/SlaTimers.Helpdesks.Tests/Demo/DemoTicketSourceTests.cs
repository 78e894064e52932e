using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Helpdesks.Demo;

namespace SlaTimers.Helpdesks.Tests.Demo;

public class DemoTicketSourceTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 9, 0, 7);

    private static (DemoTicketSource Source, FakeClock Clock) Demo(int seed = 7, int tickets = 12, int pageSize = 200, Instant? now = null)
    {
        var clock = new FakeClock(now ?? Start);
        var options = new DemoOptions { Seed = seed, Tickets = tickets, PageSize = pageSize, Pace = TimeSpan.FromSeconds(20) };
        return (new DemoTicketSource("demo", options, clock), clock);
    }

    /// <summary>Reads every <paramref name="step"/> for <paramref name="duration"/>: the pages, in order.</summary>
    private static async Task<List<TicketPage>> Follow(DemoTicketSource source, FakeClock clock, Duration duration, Duration step)
    {
        var pages = new List<TicketPage>();
        string? cursor = null;
        var end = clock.GetCurrentInstant() + duration;
        while (true)
        {
            var page = await source.ReadChangesAsync(cursor, CancellationToken.None);
            pages.Add(page);
            cursor = page.NextCursor;
            if (clock.GetCurrentInstant() >= end) return pages;
            clock.Advance(step);
        }
    }

    private static IEnumerable<string> Fingerprint(IEnumerable<TicketPage> pages) =>
        from page in pages
        from ticket in page.Tickets
        from e in ticket.Timeline
        select $"{ticket.ExternalId} {e.Id} {e.At} {e.Kind} {e.Field}={e.Value} {e.Status}/{e.StatusName} | {ticket.Subject} {ticket.Fields.Priority}";

    [Fact]
    public async Task The_same_seed_and_clock_give_the_same_pages()
    {
        var (a, clockA) = Demo();
        var (b, clockB) = Demo();

        var first = await Follow(a, clockA, Duration.FromHours(1), Duration.FromSeconds(47));
        var second = await Follow(b, clockB, Duration.FromHours(1), Duration.FromSeconds(47));

        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.Equal(first.Select(p => p.NextCursor), second.Select(p => p.NextCursor));
        Assert.True(first.Sum(p => p.Tickets.Length) > 50, "an hour of demo should change many tickets");
    }

    [Fact]
    public async Task Another_seed_tells_another_story()
    {
        var (a, clockA) = Demo(seed: 1);
        var (b, clockB) = Demo(seed: 2);

        var first = await Follow(a, clockA, Duration.FromMinutes(30), Duration.FromMinutes(1));
        var second = await Follow(b, clockB, Duration.FromMinutes(30), Duration.FromMinutes(1));

        Assert.NotEqual(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public async Task Tickets_start_with_a_created_event_carrying_their_initial_fields()
    {
        var (source, clock) = Demo();

        var pages = await Follow(source, clock, Duration.FromHours(2), Duration.FromMinutes(1));

        var tickets = pages.SelectMany(p => p.Tickets).ToList();
        Assert.All(tickets, ticket =>
        {
            var created = ticket.Timeline[0];
            Assert.Equal(TicketEventKind.Created, created.Kind);
            Assert.Equal(ticket.Created, created.At);
            Assert.Equal(StatusCategory.New, created.Status);
            Assert.Contains(created.Fields!["priority"], (string[])["P1", "P2", "P3", "P4"]);
            Assert.Contains(created.Fields["group"], (string[])["Servicedesk", "Second line"]);
            Assert.True(created.Fields.ContainsKey("organization"));
            Assert.Equal("demo", ticket.Source);
            Assert.StartsWith("DEMO-", ticket.DisplayId);
        });
        Assert.Contains(tickets, t => t.Fields.Organization == "Gemeente Voorbeeld");
    }

    [Fact]
    public async Task No_event_lies_after_now_and_the_cursor_only_moves_forward()
    {
        var (source, clock) = Demo();
        string? cursor = null;
        var reached = Instant.MinValue;
        var steps = new[] { 1, 5, 13, 20, 21, 59, 300, 7, 1200, 2 };

        for (var i = 0; i < 40; i++)
        {
            var page = await source.ReadChangesAsync(cursor, CancellationToken.None);
            var now = clock.GetCurrentInstant();

            Assert.All(page.Tickets.SelectMany(t => t.Timeline), e => Assert.True(e.At <= now, $"event {e.Id} at {e.At} after now {now}"));
            var position = DemoCursor.Parse("demo", page.NextCursor!);
            Assert.True(position.Reached >= reached);
            Assert.Equal(now, position.Reached);
            reached = position.Reached;
            cursor = page.NextCursor;
            clock.Advance(Duration.FromSeconds(steps[i % steps.Length]));
        }
    }

    [Fact]
    public async Task Rereading_from_an_old_cursor_gives_the_same_events_with_the_same_ids()
    {
        var (source, clock) = Demo();
        var first = await source.ReadChangesAsync(null, CancellationToken.None);
        clock.Advance(Duration.FromMinutes(10));
        var second = await source.ReadChangesAsync(first.NextCursor, CancellationToken.None);

        var (restarted, _) = Demo(now: clock.GetCurrentInstant());
        var again = await restarted.ReadChangesAsync(first.NextCursor, CancellationToken.None);

        Assert.NotEmpty(second.Tickets);
        Assert.Equal(Fingerprint([second]), Fingerprint([again]));
        Assert.Equal(second.NextCursor, again.NextCursor);
    }

    [Fact]
    public async Task Reading_again_without_time_passing_returns_nothing_new()
    {
        var (source, _) = Demo();
        var first = await source.ReadChangesAsync(null, CancellationToken.None);

        var again = await source.ReadChangesAsync(first.NextCursor, CancellationToken.None);

        Assert.Empty(again.Tickets);
        Assert.True(again.EndOfStream);
        Assert.Equal(first.NextCursor, again.NextCursor);
    }

    [Fact]
    public async Task The_first_read_brings_tickets_already_hours_old()
    {
        var (source, _) = Demo();

        var page = await source.ReadChangesAsync(null, CancellationToken.None);

        Assert.Equal(8, page.Tickets.Length);
        Assert.True(page.EndOfStream);
        var oldest = page.Tickets.MinBy(t => t.Created)!;
        Assert.Equal(Duration.FromMinutes(230), Instant.FromUnixTimeSeconds(Start.ToUnixTimeSeconds()) - oldest.Created);
        Assert.Contains("major-incident", oldest.Fields.Tags);
        Assert.Contains(page.Tickets, t => t.Fields.Group == "Second line");
        Assert.Contains(page.Tickets, t => t.Fields.Status == StatusCategory.Pending);
        Assert.Contains(page.Tickets, t => t.Fields is { Status: StatusCategory.OnHold, StatusName: "Wacht op leverancier" });
    }

    [Fact]
    public async Task Event_ids_are_unique_within_each_ticket()
    {
        var (source, clock) = Demo();

        var pages = await Follow(source, clock, Duration.FromHours(3), Duration.FromMinutes(5));

        Assert.All(pages.SelectMany(p => p.Tickets), t => Assert.Equal(t.Timeline.Length, t.Timeline.Select(e => e.Id).Distinct().Count()));
    }

    [Fact]
    public async Task The_story_replies_solves_reopens_reassigns_and_changes_priorities()
    {
        var (source, clock) = Demo();

        var pages = await Follow(source, clock, Duration.FromHours(6), Duration.FromMinutes(10));

        var events = pages.SelectMany(p => p.Tickets).SelectMany(t => t.Timeline).ToList();
        Assert.Contains(events, e => e.Kind == TicketEventKind.AgentReply);
        Assert.Contains(events, e => e.Kind == TicketEventKind.CustomerMessage);
        Assert.Contains(events, e => e is { Kind: TicketEventKind.StatusChanged, Status: StatusCategory.Pending });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.StatusChanged, Status: StatusCategory.Solved });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.StatusChanged, Status: StatusCategory.Closed });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.FieldChanged, Field: TicketFieldNames.Priority });
        Assert.Contains(events, e => e is { Kind: TicketEventKind.FieldChanged, Field: TicketFieldNames.Group });
        var reopened = pages.SelectMany(p => p.Tickets).Any(t => t.Timeline
            .Where(e => e.Kind == TicketEventKind.StatusChanged)
            .Zip(t.Timeline.Where(e => e.Kind == TicketEventKind.StatusChanged).Skip(1))
            .Any(pair => pair.First.Status == StatusCategory.Solved && pair.Second.Status == StatusCategory.Open));
        Assert.True(reopened, "six hours of demo should reopen a solved ticket");
    }

    [Fact]
    public async Task A_long_catch_up_comes_in_pages_that_together_give_the_same_tickets()
    {
        var (paged, pagedClock) = Demo(pageSize: 5);
        var (whole, wholeClock) = Demo();
        var firstPaged = await paged.ReadChangesAsync(null, CancellationToken.None);
        var firstWhole = await whole.ReadChangesAsync(null, CancellationToken.None);
        pagedClock.Advance(Duration.FromHours(2));
        wholeClock.Advance(Duration.FromHours(2));

        var pages = new List<TicketPage>();
        var cursor = firstPaged.NextCursor;
        do
        {
            pages.Add(await paged.ReadChangesAsync(cursor, CancellationToken.None));
            cursor = pages[^1].NextCursor;
        } while (!pages[^1].EndOfStream && pages.Count < 1000);
        var all = await whole.ReadChangesAsync(firstWhole.NextCursor, CancellationToken.None);

        Assert.True(pages.Count > 2);
        Assert.All(pages, p => Assert.True(p.Tickets.Length <= 5));
        Assert.Equal(all.Tickets.Select(t => t.ExternalId).Order(), pages.SelectMany(p => p.Tickets).Select(t => t.ExternalId).Distinct().Order());
        var latest = pages.SelectMany(p => p.Tickets).GroupBy(t => t.ExternalId).ToDictionary(g => g.Key, g => g.Last());
        Assert.All(all.Tickets, t => Assert.Equal(t.Timeline.Select(e => e.Id), latest[t.ExternalId].Timeline.Select(e => e.Id)));
    }
}
