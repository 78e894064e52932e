using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Clocks;
using static SlaTimers.Core.Tests.Clocks.TestCalendars;
using static SlaTimers.Core.Tests.Clocks.TestRules;
using static SlaTimers.Core.Tests.Clocks.Times;

namespace SlaTimers.Core.Tests.Clocks;

public class BusinessHoursTests
{
    private static SlaRules Rules(string budget, BusinessCalendarCatalog? calendars = null) =>
        Of(calendars ?? Catalog, External(Always("all", Resolution($"normal={budget}", Office))));

    [Fact]
    public void A_budget_used_up_exactly_at_closing_time_has_its_deadline_at_the_next_opening()
    {
        // Mon 16:00 + 1 office hour = used up at 17:00 → met until Tuesday 09:00.
        var ticket = TestTicket.Created(Mon(16));

        var clock = ticket.Evaluate(Rules("1h"), Mon(16, 30)).Resolution();

        Assert.Equal(Tue(9), clock.Deadline);
    }

    [Fact]
    public void At_the_next_opening_the_clock_is_still_met_and_a_minute_later_breached()
    {
        var ticket = TestTicket.Created(Mon(16));

        var atOpening = ticket.Evaluate(Rules("1h"), Tue(9)).Resolution();
        var minuteLater = ticket.Evaluate(Rules("1h"), Tue(9, 1)).Resolution();

        Assert.Equal(ClockState.Running, atOpening.State);
        Assert.Equal(Hours(1), atOpening.Used);
        Assert.Equal(ClockState.BreachedRunning, minuteLater.State);
        Assert.Equal(Tue(9), minuteLater.BreachedAt);
        Assert.Equal(Minutes(61), minuteLater.Used);
    }

    [Fact]
    public void A_ticket_created_on_friday_afternoon_runs_on_into_monday()
    {
        // Fri 16:00-17:00 = 1h, the weekend is closed, Mon 09:00-10:00 = the second hour.
        var clock = TestTicket.Created(Fri(16)).Evaluate(Rules("2h"), Fri(16, 30)).Resolution();

        Assert.Equal(NextMon(10), clock.Deadline);
    }

    [Fact]
    public void A_ticket_created_at_night_starts_counting_at_the_opening()
    {
        var clock = TestTicket.Created(Mon(22)).Evaluate(Rules("4h"), Tue(10)).Resolution();

        Assert.Equal(Hours(1), clock.Used);
        Assert.Equal(Tue(13), clock.Deadline);
    }

    [Fact]
    public void A_calendar_edit_re_evaluates_the_open_clock_from_its_timeline()
    {
        var ticket = TestTicket.Created(Mon(16));
        var longerHours = new BusinessCalendarCatalog([OfficeCalendar(Office, new LocalTime(8, 0), new LocalTime(18, 0))]);

        var before = ticket.Evaluate(Rules("4h"), Mon(16, 30)).Resolution();
        var after = ticket.Evaluate(Rules("4h", longerHours), Mon(16, 30)).Resolution();
        var back = ticket.Evaluate(Rules("4h"), Mon(16, 30)).Resolution();

        // 09-17: Mon 16-17 (1h) + Tue 09-12 (3h). 08-18: Mon 16-18 (2h) + Tue 08-10 (2h).
        Assert.Equal(Tue(12), before.Deadline);
        Assert.Equal(Tue(10), after.Deadline);
        // Nothing is carried over between evaluations.
        Assert.Equal(before.Fingerprint(), back.Fingerprint());
    }

    [Fact]
    public void A_policy_edit_re_evaluates_the_open_clock_with_the_new_budget()
    {
        var ticket = TestTicket.Created(Mon(16));

        var fourHours = ticket.Evaluate(Rules("4h"), Mon(16, 30)).Resolution();
        var eightHours = ticket.Evaluate(Rules("8h"), Mon(16, 30)).Resolution();

        // Mon 16-17 (1h) + Tue 09-12 (3h) → Tue 12:00; with 8h, Tue 09-16 (7h) → Tue 16:00.
        Assert.Equal(Tue(12), fourHours.Deadline);
        Assert.Equal(Tue(16), eightHours.Deadline);
        Assert.Equal(fourHours.Used, eightHours.Used);
    }

    [Fact]
    public void A_priority_raise_after_hours_with_the_budget_used_breaches_at_the_change_instant()
    {
        var rules = Of(External(Always("all", Resolution("normal=8h, urgent=2h", Office))));
        // 3 office hours used on Monday (14-17); raised to urgent at 20:00.
        var ticket = TestTicket.Created(Mon(14)).Priority(Mon(20), "urgent");

        var clock = ticket.Evaluate(rules, Mon(21)).Resolution();

        Assert.Equal(ClockState.BreachedRunning, clock.State);
        Assert.Equal(Mon(20), clock.BreachedAt);
        Assert.Equal(Hours(3), clock.Used);
    }
}
