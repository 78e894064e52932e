using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using static SlaTimers.Core.Tests.Clocks.TestCalendars;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class CheckpointTests
{
    private static readonly string[] All = ["50%", "30m before", "30m before wall", "+0", "+1h", "+1h wall", "+4h"];

    private static SlaRules Rules(string calendar) => Of(External(Always("all", Resolution("normal=4h", calendar, checkpoints: All))));

    [Fact]
    public void On_a_24x7_calendar_checkpoints_sit_at_plain_offsets_from_the_start_and_deadline()
    {
        var clock = TestTicket.Created(T0).Evaluate(Rules(AlwaysOpen), M(30)).Resolution();

        // Deadline 13:00; 50 % of 4h = 11:00; 30m before = 12:30; escalations 13:00, 14:00, 14:00, 17:00.
        Assert.Equal(H(4), clock.Deadline);
        Assert.Equal(H(2), clock.Checkpoint("50%").At);
        Assert.Equal(M(210), clock.Checkpoint("30m before").At);
        Assert.Equal(M(210), clock.Checkpoint("30m before wall").At);
        Assert.Equal(H(4), clock.Checkpoint("+0").At);
        Assert.Equal(H(5), clock.Checkpoint("+1h").At);
        Assert.Equal(H(5), clock.Checkpoint("+1h wall").At);
        Assert.Equal(H(8), clock.Checkpoint("+4h").At);
        Assert.All(clock.Checkpoints, c => Assert.Equal(CheckpointState.Upcoming, c.State));
    }

    [Fact]
    public void Escalations_after_a_late_afternoon_deadline_skip_the_night_in_business_time_but_not_in_wall_time()
    {
        // Created Mon 12:15 with 4 office hours → deadline Mon 16:15.
        var clock = TestTicket.Created(Mon(12, 15)).Evaluate(Rules(Office), Mon(12, 30)).Resolution();

        Assert.Equal(Mon(16, 15), clock.Deadline);
        Assert.Equal(Mon(14, 15), clock.Checkpoint("50%").At);
        Assert.Equal(Mon(15, 45), clock.Checkpoint("30m before").At);
        Assert.Equal(Mon(16, 15), clock.Checkpoint("+0").At);
        // +1h of office time: 45 min on Monday, 15 on Tuesday.
        Assert.Equal(Tue(9, 15), clock.Checkpoint("+1h").At);
        Assert.Equal(Mon(17, 15), clock.Checkpoint("+1h wall").At);
        // +4h of office time: 45 min Monday + 3h15 Tuesday.
        Assert.Equal(Tue(12, 15), clock.Checkpoint("+4h").At);
    }

    [Fact]
    public void Warnings_before_a_morning_deadline_skip_the_night_in_business_time_but_not_in_wall_time()
    {
        // Created Mon 13:15: 3h45 on Monday + 15 min Tuesday → deadline Tue 09:15.
        var clock = TestTicket.Created(Mon(13, 15)).Evaluate(Rules(Office), Mon(13, 30)).Resolution();

        Assert.Equal(Tue(9, 15), clock.Deadline);
        Assert.Equal(Mon(15, 15), clock.Checkpoint("50%").At);
        // 30 office minutes before Tue 09:15 are 15 on Tuesday and 15 on Monday evening.
        Assert.Equal(Mon(16, 45), clock.Checkpoint("30m before").At);
        Assert.Equal(Tue(8, 45), clock.Checkpoint("30m before wall").At);
        Assert.Equal(Tue(10, 15), clock.Checkpoint("+1h").At);
        Assert.Equal(Tue(10, 15), clock.Checkpoint("+1h wall").At);
    }

    [Fact]
    public void Checkpoints_that_have_passed_keep_their_instants_and_are_due()
    {
        // Same clock as above, looked at on Tuesday 12:00: 3h45 + 3h = 6h45 used, breached at 09:15.
        var clock = TestTicket.Created(Mon(13, 15)).Evaluate(Rules(Office), Tue(12)).Resolution();

        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal(Tue(9, 15), clock.BreachedAt);
        Assert.Equal(Mon(15, 15), clock.Checkpoint("50%").At);
        Assert.Equal(Mon(16, 45), clock.Checkpoint("30m before").At);
        Assert.Equal(Tue(8, 45), clock.Checkpoint("30m before wall").At);
        Assert.Equal(Tue(9, 15), clock.Checkpoint("+0").At);
        Assert.Equal(Tue(10, 15), clock.Checkpoint("+1h").At);
        Assert.Equal(Tue(10, 15), clock.Checkpoint("+1h wall").At);
        Assert.All(clock.Checkpoints.Where(c => c.Definition.Offset.ToString() != "+4h"), c => Assert.Equal(CheckpointState.Due, c.State));
        // +4h: 8h of office time, 1h15 after now.
        Assert.Equal(Tue(13, 15), clock.Checkpoint("+4h").At);
        Assert.Equal(CheckpointState.Upcoming, clock.Checkpoint("+4h").State);
    }

    [Fact]
    public void A_warning_reached_exactly_at_closing_time_lands_on_the_next_opening()
    {
        var rules = Of(External(Always("all", Resolution("normal=8h", Office, checkpoints: ["50%"]))));

        // Created Mon 13:00: 4h used exactly at Monday 17:00.
        var clock = TestTicket.Created(Mon(13)).Evaluate(rules, Mon(14)).Resolution();

        Assert.Equal(Tue(9), clock.Checkpoint("50%").At);
        Assert.Equal(Tue(13), clock.Deadline);
    }

    [Fact]
    public void At_night_a_warning_whose_share_was_used_up_exactly_at_closing_is_still_upcoming_at_the_next_opening()
    {
        var rules = Of(External(Always("all", Resolution("normal=8h", Office, checkpoints: ["50%"]))));

        // Same clock, looked at Mon 20:00: 4h used, exactly the 50 % threshold, reached only when the office opens.
        var clock = TestTicket.Created(Mon(13)).Evaluate(rules, Mon(20)).Resolution();

        Assert.Equal(Tue(9), clock.Checkpoint("50%").At);
        Assert.Equal(CheckpointState.Upcoming, clock.Checkpoint("50%").State);
    }

    [Fact]
    public void At_night_after_a_budget_ran_out_at_closing_the_first_escalation_waits_for_the_deadline_at_the_next_opening()
    {
        var rules = Of(External(Always("all", Resolution("normal=1h", Office, checkpoints: ["+0"]))));

        // Mon 16:00 + 1 office hour: used up at 17:00, met until Tue 09:00; looked at Mon 20:00.
        var clock = TestTicket.Created(Mon(16)).Evaluate(rules, Mon(20)).Resolution();

        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal(Tue(9), clock.Deadline);
        Assert.Equal(Tue(9), clock.Checkpoint("+0").At);
        Assert.Equal(CheckpointState.Upcoming, clock.Checkpoint("+0").State);
    }

    [Fact]
    public void A_paused_clock_has_its_checkpoints_suspended()
    {
        var ticket = TestTicket.Created(T0).Status(M(30), SlaTimers.Core.Tickets.StatusCategory.Pending);

        var clock = ticket.Evaluate(Rules(AlwaysOpen), M(60)).Resolution();

        Assert.All(clock.Checkpoints, c => Assert.Equal(CheckpointState.Suspended, c.State));
        Assert.All(clock.Checkpoints, c => Assert.Null(c.At));
    }

    [Fact]
    public void Checkpoints_after_a_met_clock_stopped_are_not_reached()
    {
        var clock = TestTicket.Created(T0).Solved(M(150)).Evaluate(Rules(AlwaysOpen), H(10)).Resolution();

        // Solved after 2h30: only the 50 % warning at 11:00 came.
        Assert.Equal(CheckpointState.Due, clock.Checkpoint("50%").State);
        Assert.All(clock.Checkpoints.Skip(1), c => Assert.Equal(CheckpointState.NotReached, c.State));
    }
}
