using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class PriorityChangeTests
{
    // 24x7 resolution: low 8h, normal 4h, urgent 1h; pending pauses.
    private static readonly SlaRules Rules = Of(External(Always("all", Resolution("low=8h, normal=4h, urgent=1h", checkpoints: ["50%", "+0"]))));

    [Fact]
    public void A_priority_raise_keeps_the_time_used_and_applies_the_new_budget()
    {
        var ticket = TestTicket.Created(T0).Priority(M(40), "urgent");

        var clock = ticket.Evaluate(Rules, M(50)).Resolution();

        // 50 min used of the urgent hour → deadline 10 min from now.
        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal("urgent", clock.Priority);
        Assert.Equal(Minutes(50), clock.Used);
        Assert.Equal(Hours(1), clock.Budget);
        Assert.Equal(M(60), clock.Deadline);
        // 50 % of the urgent hour (30 min used) had passed when the priority changed: reached at the change.
        Assert.Equal(M(40), clock.Checkpoint("50%").At);
    }

    [Fact]
    public void A_priority_lowered_gives_the_ticket_the_longer_budget()
    {
        var ticket = TestTicket.Created(T0, priority: "urgent").Priority(M(30), "normal");

        var clock = ticket.Evaluate(Rules, M(90)).Resolution();

        // 30 min under urgent + 60 under normal = 90 min of 4h → 150 min left.
        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal(Minutes(90), clock.Used);
        Assert.Equal(Hours(4), clock.Budget);
        Assert.Equal(M(240), clock.Deadline);
    }

    [Fact]
    public void A_raise_to_a_budget_already_used_up_breaches_at_the_change_instant()
    {
        var ticket = TestTicket.Created(T0).Priority(M(90), "urgent");

        var clock = ticket.Evaluate(Rules, M(120)).Resolution();

        // 90 min used > the urgent hour the moment the priority changes.
        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal(M(90), clock.BreachedAt);
        Assert.Equal(M(90), clock.Deadline);
        Assert.Equal(Minutes(120), clock.Used);
        Assert.Equal(M(90), clock.Checkpoint("+0").At);
    }

    [Fact]
    public void Evaluated_at_the_instant_of_a_raise_that_breaches_the_clock_is_breached_at_that_instant()
    {
        // The sync re-evaluates right after storing a change, so now = the change instant is the common case.
        var ticket = TestTicket.Created(T0).Priority(M(90), "urgent");

        var clock = ticket.Evaluate(Rules, M(90)).Resolution();

        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal(M(90), clock.BreachedAt);
        Assert.Equal(Minutes(90), clock.Used);
    }

    [Fact]
    public void A_raise_while_paused_that_uses_up_the_budget_breaches_at_the_change_instant()
    {
        var ticket = TestTicket.Created(T0).Status(M(90), StatusCategory.Pending).Priority(M(100), "urgent");

        var clock = ticket.Evaluate(Rules, M(120)).Resolution();

        // 90 min used before the pause; urgent allows 60 → breached when the priority changed, still paused.
        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.True(clock.IsPaused);
        Assert.Equal(M(100), clock.BreachedAt);
        Assert.Equal(Minutes(90), clock.Used);
    }

    [Fact]
    public void A_ticket_raised_while_pending_and_solved_from_pending_is_breached_stopped()
    {
        var ticket = TestTicket.Created(T0).Status(M(90), StatusCategory.Pending).Priority(M(100), "urgent").Solved(M(110));

        var clock = ticket.Evaluate(Rules, M(120)).Resolution();

        // 90 min used against the urgent hour: breached at the raise, stopped at the solve.
        Assert.Equal(ClockState.BreachedStopped, clock.State);
        Assert.Equal(M(100), clock.BreachedAt);
        Assert.Equal(M(110), clock.Stopped);
        Assert.Equal(Minutes(90), clock.Used);
    }
}
