using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class ResponseCycleTests
{
    // 24x7: first response 1h, next response 2h, periodic update 4h (paused while pending).
    private static readonly SlaRules Rules = Of(External(Always("all",
        FirstResponse("normal=1h"),
        Target(Metric.NextResponse, "normal=2h"),
        Target(Metric.PeriodicUpdate, "normal=4h", pauseOn: "pending"))));

    private static List<Clock> Cycles(IEnumerable<Clock> clocks, Metric metric) =>
        [.. clocks.Where(c => c.Metric == metric).OrderBy(c => c.Cycle)];

    [Fact]
    public void The_first_agent_reply_meets_the_first_response_target()
    {
        var clock = TestTicket.Created(T0).Reply(M(45)).Evaluate(Rules, M(120)).FirstResponse();

        Assert.Equal(ClockState.Met, clock.State);
        Assert.Equal(Minutes(45), clock.Used);
        Assert.Equal(M(45), clock.Stopped);
        Assert.Equal("first public agent reply", clock.StopReason);
        Assert.Null(clock.BreachedAt);
    }

    [Fact]
    public void A_first_response_past_its_deadline_is_breached_running_then_breached_stopped_by_the_reply()
    {
        var ticket = TestTicket.Created(T0);
        var running = ticket.Evaluate(Rules, M(90)).FirstResponse();
        var stopped = ticket.Reply(M(100)).Evaluate(Rules, M(120)).FirstResponse();

        // The hour ran out at 10:00.
        Assert.Equal(ClockState.BreachedRunning, running.State);
        Assert.Equal(M(60), running.BreachedAt);
        Assert.Equal(Minutes(90), running.Used);
        Assert.Equal(Minutes(-30), running.Left);
        Assert.Equal(ClockState.BreachedStopped, stopped.State);
        Assert.Equal(M(60), stopped.BreachedAt);
        Assert.Equal(M(100), stopped.Stopped);
        Assert.Equal(Minutes(100), stopped.Used);
    }

    [Fact]
    public void A_customer_message_after_an_agent_reply_opens_a_next_response_cycle_and_the_reply_closes_it()
    {
        var ticket = TestTicket.Created(T0).Reply(M(10))
            .CustomerWrote(M(60)).CustomerWrote(M(90)) // two messages before the reply: one cycle
            .Reply(M(150))
            .CustomerWrote(M(200));

        var cycles = Cycles(ticket.Evaluate(Rules, M(300)), Metric.NextResponse);

        Assert.Equal(2, cycles.Count);
        // Cycle 1: 10:00 → 11:30 = 90 min of 2h.
        Assert.Equal(ClockState.Met, cycles[0].State);
        Assert.Equal(M(60), cycles[0].Started);
        Assert.Equal(Minutes(90), cycles[0].Used);
        Assert.Equal("agent reply", cycles[0].StopReason);
        // Cycle 2: from 12:20, 100 min used at 14:00 → 20 min left.
        Assert.Equal(ClockState.Running, cycles[1].State);
        Assert.Equal(M(200), cycles[1].Started);
        Assert.Equal(M(320), cycles[1].Deadline);
    }

    [Fact]
    public void A_customer_message_before_any_agent_reply_opens_no_next_response_cycle()
    {
        var clocks = TestTicket.Created(T0).CustomerWrote(M(5)).Evaluate(Rules, M(30));

        Assert.Empty(Cycles(clocks, Metric.NextResponse));
    }

    [Fact]
    public void Each_agent_reply_closes_the_periodic_update_cycle_and_opens_the_next()
    {
        var ticket = TestTicket.Created(T0).Reply(M(10)).Reply(M(130))
            .Status(M(200), StatusCategory.Pending).Status(M(260), StatusCategory.Open);

        var cycles = Cycles(ticket.Evaluate(Rules, M(400)), Metric.PeriodicUpdate);

        Assert.Equal(2, cycles.Count);
        Assert.Equal(ClockState.Met, cycles[0].State);
        Assert.Equal(Minutes(120), cycles[0].Used);
        // Cycle 2 from 11:10: 70 min, paused 60, then 140 → 210 min of 4h; 30 min left.
        Assert.Equal(M(130), cycles[1].Started);
        Assert.Equal(Minutes(210), cycles[1].Used);
        Assert.Equal(M(430), cycles[1].Deadline);
    }

    [Fact]
    public void Solving_closes_the_periodic_update_cycle_and_a_reply_sent_as_solved_opens_none()
    {
        var ticket = TestTicket.Created(T0).Reply(M(10)).Reply(M(130))
            .Status(M(200), StatusCategory.Pending).Status(M(260), StatusCategory.Open)
            .Solved(M(500)).Reply(M(500));

        var cycles = Cycles(ticket.Evaluate(Rules, M(600)), Metric.PeriodicUpdate);

        Assert.Equal(2, cycles.Count);
        // Cycle 2 had 70 min before the pause, so its 4h ran out 170 min after resuming at 13:20 → 16:10.
        Assert.Equal(ClockState.BreachedStopped, cycles[1].State);
        Assert.Equal(M(430), cycles[1].BreachedAt);
        Assert.Equal(M(500), cycles[1].Stopped);
        Assert.Equal(Minutes(310), cycles[1].Used);
    }
}
