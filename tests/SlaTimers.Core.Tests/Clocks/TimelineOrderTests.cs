using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class TimelineOrderTests
{
    private static readonly SlaRules Rules = Of(External(Always("all",
        FirstResponse("normal=1h, urgent=15m"),
        Target(Metric.NextResponse, "normal=2h, urgent=30m"),
        Target(Metric.PeriodicUpdate, "normal=4h, urgent=1h", pauseOn: "pending"),
        Resolution("normal=8h, urgent=2h", TestCalendars.Office, checkpoints: ["50%", "+0", "+1h wall"]))));

    /// <summary>A busy day: triage, a reply, a question, pending, a priority raise, solved and reopened.</summary>
    private static List<TicketEvent> BusyDay(bool withIds)
    {
        List<TicketEvent> events =
        [
            TicketEvent.Created(T0, StatusCategory.New, new Dictionary<string, string> { ["priority"] = "normal" }),
            TicketEvent.StatusChange(M(5), StatusCategory.Open),
            TicketEvent.Reply(M(20)),
            TicketEvent.CustomerWrote(M(50)),
            TicketEvent.CustomerWrote(M(50)), // a second message in the same second
            TicketEvent.StatusChange(M(60), StatusCategory.Pending),
            TicketEvent.Reply(M(60)),
            TicketEvent.StatusChange(M(120), StatusCategory.Open),
            TicketEvent.FieldChange(M(120), "priority", "urgent"),
            TicketEvent.CustomerWrote(M(150)),
            TicketEvent.Reply(M(200)),
            TicketEvent.StatusChange(M(240), StatusCategory.Solved),
            TicketEvent.StatusChange(M(300), StatusCategory.Open),
        ];
        return withIds ? [.. events.Select((e, i) => e with { Id = $"audit-{i}" })] : events;
    }

    private static string Evaluate(IEnumerable<TicketEvent> events, Instant? now = null) =>
        ClockEvaluator.Evaluate(TestTicket.Ticket(T0, events), Rules, now ?? M(400)).Fingerprint();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Events_given_in_another_order_give_identical_clocks(bool withIds)
    {
        var events = BusyDay(withIds);
        var reversed = Enumerable.Reverse(events).ToList();
        var interleaved = events.Where((_, i) => i % 2 == 1).Concat(events.Where((_, i) => i % 2 == 0)).ToList();

        Assert.Equal(Evaluate(events), Evaluate(reversed));
        Assert.Equal(Evaluate(events), Evaluate(interleaved));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Events_given_twice_give_identical_clocks(bool withIds)
    {
        var events = BusyDay(withIds);
        var twice = events.Concat(BusyDay(withIds)).ToList();
        var pageReadAgain = events.Concat(BusyDay(withIds).Skip(6)).Reverse().ToList();

        Assert.Equal(Evaluate(events), Evaluate(twice));
        Assert.Equal(Evaluate(events), Evaluate(pageReadAgain));
    }

    [Fact]
    public void Events_after_now_are_ignored()
    {
        var events = BusyDay(withIds: false);
        var now = M(130);

        var withFuture = Evaluate(events, now);
        var cut = Evaluate(events.Where(e => e.At <= now), now);

        Assert.Equal(cut, withFuture);
    }

    [Fact]
    public void An_event_timestamped_before_creation_is_clamped_to_creation()
    {
        // A helpdesk clock a little behind: the raise to urgent is stamped 08:50, before the ticket exists.
        var ticket = TestTicket.Created(T0).Priority(M(-10), "urgent").Reply(M(20));

        var clocks = ticket.Evaluate(Rules, M(30));

        // Urgent from 09:00 (not 08:50): first response 20 of 15 min → breached at 09:15; resolution
        // counts from 09:00 in office hours (the office opens at 10:00 Amsterdam = 09:00 UTC).
        var response = clocks.FirstResponse();
        Assert.Equal(ClockState.BreachedStopped, response.State);
        Assert.Equal(M(15), response.BreachedAt);
        Assert.Equal(Minutes(20), response.Used);
        var resolution = clocks.Resolution();
        Assert.Equal(T0, resolution.Started);
        Assert.Equal("urgent", resolution.Priority);
        Assert.Equal(Minutes(30), resolution.Used);
    }

    [Fact]
    public void A_reply_stamped_at_the_creation_instant_meets_the_first_response_with_nothing_used()
    {
        // An agent opens the ticket on the customer's behalf and replies in the same save; a reply
        // stamped before creation is clamped to the same instant.
        foreach (var replyAt in new[] { T0, M(-5) })
        {
            var clocks = TestTicket.Created(T0).Reply(replyAt).Evaluate(Rules, M(30));

            var response = clocks.FirstResponse();
            Assert.Equal(ClockState.Met, response.State);
            Assert.Equal(T0, response.Stopped);
            Assert.Equal(Duration.Zero, response.Used);
        }
    }

    [Fact]
    public void A_merge_and_a_delete_at_the_same_instant_give_the_same_clocks_in_either_order()
    {
        var created = TicketEvent.Created(T0, StatusCategory.Open, new Dictionary<string, string> { ["priority"] = "normal" });
        TicketEvent merge = TicketEvent.Merge(M(60)), delete = TicketEvent.Delete(M(60));

        Assert.Equal(Evaluate([created, merge, delete]), Evaluate([created, delete, merge]));
    }
}
