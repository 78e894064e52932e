using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class ReopenAndEndTests
{
    private static SlaRules Rules(ReopenBehaviour onReopen) =>
        Of(External(Always("all", FirstResponse("normal=1h"), Resolution("normal=4h", onReopen: onReopen))));

    // Solved after 1h, reopened 2h later, looked at 1h after the reopen.
    private static TestTicket SolvedThenReopened() => TestTicket.Created(T0).Solved(M(60)).Reopened(M(180));

    [Fact]
    public void Solving_stops_the_resolution_clock_met()
    {
        var clock = TestTicket.Created(T0).Solved(M(60)).Evaluate(Rules(ReopenBehaviour.Resume), M(120)).Resolution();

        Assert.Equal(ClockState.Met, clock.State);
        Assert.Equal(Minutes(60), clock.Used);
        Assert.Equal(M(60), clock.Stopped);
    }

    [Fact]
    public void A_reopen_with_resume_continues_the_resolution_clock_without_the_time_spent_solved()
    {
        var clocks = SolvedThenReopened().Evaluate(Rules(ReopenBehaviour.Resume), M(240));

        var clock = Assert.Single(clocks, c => c.Metric == Metric.Resolution);
        // 60 min before solving + 60 since the reopen; the 2h solved do not count → 2h left from 13:00.
        Assert.Equal(1, clock.Cycle);
        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal(T0, clock.Started);
        Assert.Null(clock.Stopped);
        Assert.Equal(Minutes(120), clock.Used);
        Assert.Equal(M(360), clock.Deadline);
    }

    [Fact]
    public void A_reopen_with_restart_keeps_cycle_one_met_and_starts_cycle_two_at_the_reopen()
    {
        var clocks = SolvedThenReopened().Evaluate(Rules(ReopenBehaviour.Restart), M(240));

        var first = clocks.Resolution(1);
        Assert.Equal(ClockState.Met, first.State);
        Assert.Equal(Minutes(60), first.Used);
        Assert.Equal(M(60), first.Stopped);
        var second = clocks.Resolution(2);
        Assert.Equal(ClockState.Running, second.State);
        Assert.Equal(M(180), second.Started);
        Assert.Equal(Minutes(60), second.Used);
        Assert.Equal(M(420), second.Deadline);
    }

    [Fact]
    public void A_resumed_clock_that_had_breached_stays_breached_at_its_original_deadline()
    {
        var ticket = TestTicket.Created(T0).Solved(H(5)).Reopened(H(6));

        var clock = ticket.Evaluate(Rules(ReopenBehaviour.Resume), H(7)).Resolution();

        // 4h budget ran out at 13:00; 5h + 1h used.
        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal(H(4), clock.BreachedAt);
        Assert.Equal(Hours(6), clock.Used);
    }

    [Theory]
    [InlineData(TicketEventKind.Merged, "ticket merged")]
    [InlineData(TicketEventKind.Deleted, "ticket deleted")]
    public void Merging_or_deleting_cancels_open_clocks_and_leaves_met_ones_met(TicketEventKind kind, string reason)
    {
        var ticket = TestTicket.Created(T0).Reply(M(20));
        ticket = kind == TicketEventKind.Merged ? ticket.Merged(M(60)) : ticket.Deleted(M(60));
        ticket.Reply(M(70)).Solved(M(80)); // after the end: ignored

        var clocks = ticket.Evaluate(Rules(ReopenBehaviour.Resume), M(300));

        var response = clocks.FirstResponse();
        Assert.Equal(ClockState.Met, response.State);
        Assert.Equal(M(20), response.Stopped);
        var resolution = clocks.Resolution();
        Assert.Equal(ClockState.Cancelled, resolution.State);
        Assert.Equal(M(60), resolution.Stopped);
        Assert.Equal(reason, resolution.StopReason);
        Assert.Equal(Minutes(60), resolution.Used);
        Assert.Equal(2, clocks.Length);
    }

    [Fact]
    public void A_merged_ticket_keeps_the_breach_of_a_clock_that_had_breached()
    {
        var clock = TestTicket.Created(T0).Merged(M(90)).Evaluate(Rules(ReopenBehaviour.Resume), M(120)).FirstResponse();

        Assert.Equal(ClockState.Cancelled, clock.State);
        Assert.Equal(M(60), clock.BreachedAt);
    }
}
