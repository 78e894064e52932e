using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class PolicyRematchTests
{
    // First match wins: vip tickets get 1h to resolve, everything not tagged "no-sla" gets 4h.
    // Budgets exist for "normal" only, so a ticket without a priority falls under no target yet.
    private static readonly SlaRules Rules = Of(External(
        When("vip", Tagged("vip"), FirstResponse("normal=15m"), Resolution("normal=1h")),
        When("standard", NotTagged("no-sla"), FirstResponse("normal=1h"), Resolution("normal=4h"))));

    [Fact]
    public void Tagging_a_ticket_vip_rematches_it_to_the_stricter_policy_with_the_time_already_used()
    {
        var ticket = TestTicket.Created(T0).Tags(M(30), "vip");

        var clock = ticket.Evaluate(Rules, M(40)).Resolution();

        // 40 min used of the vip hour → 20 min left.
        Assert.Equal("vip", clock.PolicyId);
        Assert.Equal(Hours(1), clock.Budget);
        Assert.Equal(Minutes(40), clock.Used);
        Assert.Equal(M(60), clock.Deadline);
        Assert.Equal(ClockState.Running, clock.State);
    }

    [Fact]
    public void Tagging_a_ticket_vip_after_its_vip_budget_is_used_breaches_it_at_the_tag_change()
    {
        var ticket = TestTicket.Created(T0).Tags(M(90), "vip");

        var clock = ticket.Evaluate(Rules, M(100)).Resolution();

        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal(M(90), clock.BreachedAt);
    }

    [Fact]
    public void Removing_the_vip_tag_falls_back_to_the_standard_policy()
    {
        var ticket = TestTicket.Created(T0, tags: "vip").Tags(M(30), "");

        var clock = ticket.Evaluate(Rules, M(60)).Resolution();

        // 60 min used of the standard 4h → 3h left.
        Assert.Equal("standard", clock.PolicyId);
        Assert.Equal(M(240), clock.Deadline);
    }

    [Fact]
    public void A_change_after_which_no_policy_matches_cancels_the_clock_at_that_change()
    {
        var ticket = TestTicket.Created(T0).Tags(M(30), "no-sla");

        var clock = ticket.Evaluate(Rules, M(60)).Resolution();

        Assert.Equal(ClockState.Cancelled, clock.State);
        Assert.Equal("no policy applies any more", clock.StopReason);
        Assert.Equal(Minutes(30), clock.Used);
        Assert.Null(clock.Deadline);
        // The clock ended when the tag was set, not whenever someone evaluates it.
        Assert.Equal(M(30), clock.Stopped);
    }

    [Fact]
    public void Time_before_triage_sets_the_priority_is_counted_from_creation()
    {
        var ticket = TestTicket.Created(T0, priority: null).Priority(M(10), "normal").Reply(M(20));

        var clocks = ticket.Evaluate(Rules, M(60));

        // No budget applied until triage at 09:10, but both clocks count from 09:00.
        var response = clocks.FirstResponse();
        Assert.Equal(ClockState.Met, response.State);
        Assert.Equal(T0, response.Started);
        Assert.Equal(Minutes(20), response.Used);
        var resolution = clocks.Resolution();
        Assert.Equal(Minutes(60), resolution.Used);
        Assert.Equal(H(4), resolution.Deadline);
    }

    [Fact]
    public void A_ticket_triaged_and_answered_in_the_same_update_has_a_met_first_response_clock()
    {
        // Agents commonly set the priority in the same save as their first reply: one timestamp.
        var ticket = TestTicket.Created(T0, priority: null).Priority(M(10), "normal").Reply(M(10));

        var clocks = ticket.Evaluate(Rules, M(60));

        var response = clocks.FirstResponse();
        Assert.Equal(ClockState.Met, response.State);
        Assert.Equal(Minutes(10), response.Used);
        Assert.Equal(M(10), response.Stopped);
    }

    [Fact]
    public void Evaluated_at_the_instant_triage_sets_the_priority_the_clocks_exist()
    {
        var ticket = TestTicket.Created(T0, priority: null).Priority(M(10), "normal");

        var clock = ticket.Evaluate(Rules, M(10)).Resolution();

        // 10 min since creation count; 3h50 left.
        Assert.Equal(Minutes(10), clock.Used);
        Assert.Equal(H(4), clock.Deadline);
    }

    [Fact]
    public void A_ticket_never_triaged_has_no_clocks()
    {
        var ticket = TestTicket.Created(T0, priority: null);

        Assert.Empty(ticket.Evaluate(Rules, M(60)));
    }
}
