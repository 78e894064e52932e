using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class PauseTests
{
    // 24x7, resolution 4h for normal tickets, paused by the category "pending" and by the helpdesk's own
    // status name "Waiting for customer".
    private static readonly SlaRules Rules = Of(External(Always("all", Resolution("normal=4h", pauseOn: "pending, Waiting for customer"))));

    [Fact]
    public void A_pending_status_pauses_the_resolution_clock_and_open_resumes_it()
    {
        var ticket = TestTicket.Created(T0).Status(M(30), StatusCategory.Pending).Status(M(90), StatusCategory.Open);

        var clock = ticket.Evaluate(Rules, M(120)).Resolution();

        // 30 min counted, 60 paused, 30 counted → 60 min used, 3h left from 11:00.
        Assert.Equal(ClockState.Running, clock.State);
        Assert.False(clock.IsPaused);
        Assert.Equal(Minutes(60), clock.Used);
        Assert.Equal(M(120) + Hours(3), clock.Deadline);
    }

    [Fact]
    public void While_pending_the_clock_is_paused_without_a_deadline()
    {
        var ticket = TestTicket.Created(T0).Status(M(30), StatusCategory.Pending);

        var clock = ticket.Evaluate(Rules, M(60)).Resolution();

        // Only the 30 minutes before the pause count; the deadline depends on when it resumes.
        Assert.Equal(ClockState.Paused, clock.State);
        Assert.True(clock.IsPaused);
        Assert.Equal(Minutes(30), clock.Used);
        Assert.Null(clock.Deadline);
    }

    [Fact]
    public void A_helpdesk_status_name_listed_as_pausing_pauses_the_clock()
    {
        // The category stays "open"; only the helpdesk's name says the agent waits for the customer.
        var ticket = TestTicket.Created(T0)
            .Status(M(30), StatusCategory.Open, "Waiting for customer")
            .Status(M(90), StatusCategory.Open, "In progress");

        var paused = ticket.Evaluate(Rules, M(60)).Resolution();
        var resumed = ticket.Evaluate(Rules, M(120)).Resolution();

        Assert.Equal(ClockState.Paused, paused.State);
        Assert.Equal(Minutes(30), paused.Used);
        // 30 + 30 min counted: the hour named "Waiting for customer" did not.
        Assert.Equal(ClockState.Running, resumed.State);
        Assert.Equal(Minutes(60), resumed.Used);
        Assert.Equal(M(300), resumed.Deadline);
    }

    [Fact]
    public void A_status_that_is_not_listed_does_not_pause()
    {
        var ticket = TestTicket.Created(T0).Status(M(30), StatusCategory.OnHold).Status(M(90), StatusCategory.Open);

        var clock = ticket.Evaluate(Rules, M(120)).Resolution();

        // on-hold is not in the pause list: all 120 minutes count.
        Assert.Equal(Minutes(120), clock.Used);
        Assert.Equal(M(240), clock.Deadline);
    }

    [Fact]
    public void A_ticket_solved_while_pending_is_met_with_the_time_used_before_the_pause()
    {
        var ticket = TestTicket.Created(T0).Status(M(30), StatusCategory.Pending).Solved(M(200));

        var clock = ticket.Evaluate(Rules, M(300)).Resolution();

        Assert.Equal(ClockState.Met, clock.State);
        Assert.Equal(Minutes(30), clock.Used);
        Assert.Equal(M(200), clock.Stopped);
        Assert.Equal("ticket solved", clock.StopReason);
    }

    [Fact]
    public void Pending_outside_office_hours_changes_nothing_and_inside_them_moves_the_deadline()
    {
        var rules = Of(External(Always("all", Resolution("normal=4h", TestCalendars.Office))));
        // Created Mon 15:00; pending from Mon 18:00 to Tue 08:00 (all closed) and from Tue 10:00 to 11:00.
        var ticket = TestTicket.Created(TestCalendars.Mon(15))
            .Status(TestCalendars.Mon(18), StatusCategory.Pending).Status(TestCalendars.Tue(8), StatusCategory.Open)
            .Status(TestCalendars.Tue(10), StatusCategory.Pending).Status(TestCalendars.Tue(11), StatusCategory.Open);

        var clock = ticket.Evaluate(rules, TestCalendars.Tue(11)).Resolution();

        // Mon 15-17 = 2h, Tue 09-10 = 1h → 3h used at Tue 11:00; 1h left → Tue 12:00.
        Assert.Equal(Hours(3), clock.Used);
        Assert.Equal(TestCalendars.Tue(12), clock.Deadline);
    }
}
