using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using static SlaTimers.Core.Tests.Clocks.TestCalendars;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class InternalAgreementTests
{
    // The OLA: second line answers within 2 office hours and resolves within 8 office hours of being
    // assigned. Next to it the customer SLA gives 40 office hours from creation.
    private static readonly SlaRules Rules = Of(
        Internal(Always("second-line", FirstResponse("normal=2h", Office), Resolution("normal=8h", Office))),
        External(Always("customer", Resolution("normal=40h", Office))));

    private static Clock OlaResolution(IEnumerable<Clock> clocks, int cycle) =>
        clocks.Single(c => c.AgreementId == Ola && c.Metric == Metric.Resolution && c.Cycle == cycle);

    [Fact]
    public void The_ola_clock_starts_when_the_ticket_is_assigned_to_the_group()
    {
        var ticket = TestTicket.Created(Mon(9), group: "First line").Group(Mon(10), SecondLine).Reply(Mon(11, 30));

        var clocks = ticket.Evaluate(Rules, Mon(12));

        var resolution = OlaResolution(clocks, 1);
        Assert.Equal(AgreementKind.Internal, resolution.AgreementKind);
        Assert.Equal(Mon(10), resolution.Started);
        // 2 office hours used (10:00-12:00) of 8 → Mon 12-17 (5h) + Tue 09-10 (1h).
        Assert.Equal(Hours(2), resolution.Used);
        Assert.Equal(Tue(10), resolution.Deadline);
        var response = clocks.Single(c => c.AgreementId == Ola && c.Metric == Metric.FirstResponse);
        Assert.Equal(ClockState.Met, response.State);
        Assert.Equal(Minutes(90), response.Used);
        // The customer's clock runs from creation regardless of the group.
        Assert.Equal(Mon(9), clocks.Single(c => c.AgreementId == Customer).Started);
    }

    [Fact]
    public void A_ticket_created_in_the_group_starts_the_ola_at_creation()
    {
        var ticket = TestTicket.Created(Mon(9), group: SecondLine);

        Assert.Equal(Mon(9), OlaResolution(ticket.Evaluate(Rules, Mon(10)), 1).Started);
    }

    [Fact]
    public void Reassigning_away_within_the_budget_stops_the_ola_clock_met()
    {
        // In the group Mon 10:00 - Tue 10:00: Mon 10-17 (7h) + Tue 09-10 (1h) = exactly the 8h budget.
        var ticket = TestTicket.Created(Mon(9), group: "First line").Group(Mon(10), SecondLine).Group(Tue(10), "First line");

        var clock = OlaResolution(ticket.Evaluate(Rules, Tue(12)), 1);

        Assert.Equal(ClockState.Met, clock.State);
        Assert.Equal(Hours(8), clock.Used);
        Assert.Equal(Tue(10), clock.Stopped);
        Assert.Contains("left group", clock.StopReason);
    }

    [Fact]
    public void Reassigning_away_after_the_budget_stops_the_ola_clock_breached()
    {
        // In the group Mon 10:00 - Tue 11:00 = 9 office hours; the 8h ran out at Tue 10:00.
        var ticket = TestTicket.Created(Mon(9), group: "First line").Group(Mon(10), SecondLine).Group(Tue(11), "First line");

        var clock = OlaResolution(ticket.Evaluate(Rules, Tue(12)), 1);

        Assert.Equal(ClockState.BreachedStopped, clock.State);
        Assert.Equal(Tue(10), clock.BreachedAt);
        Assert.Equal(Tue(11), clock.Stopped);
        Assert.Equal(Hours(9), clock.Used);
    }

    [Fact]
    public void A_second_assignment_to_the_group_is_cycle_two_counted_from_its_own_start()
    {
        var ticket = TestTicket.Created(Mon(9), group: "First line")
            .Group(Mon(10), SecondLine).Group(Tue(10), "First line").Group(Tue(14), SecondLine);

        var clocks = ticket.Evaluate(Rules, Wed(12));

        Assert.Equal(ClockState.Met, OlaResolution(clocks, 1).State);
        var second = OlaResolution(clocks, 2);
        Assert.Equal(Tue(14), second.Started);
        // Tue 14-17 (3h) + Wed 09-12 (3h) = 6h of 8 → Wed 14:00.
        Assert.Equal(ClockState.Running, second.State);
        Assert.Equal(Hours(6), second.Used);
        Assert.Equal(Wed(14), second.Deadline);
        Assert.Equal($"{Ola}/resolution/2", second.Key);
    }
}
