using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>
/// Deadline(start, D): D is consumed only inside open intervals; a budget used up exactly at a closing
/// lands on the next opening. Week of 2026-11-23 (Mon) in Amsterdam, no DST change near it.
/// </summary>
public class DeadlineTests
{
    private static readonly BusinessCalendar NineToFive =
        CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").Build();

    private static readonly DateTimeZone Zone = NineToFive.Zone;

    [Fact]
    public void Budget_used_up_exactly_at_closing_lands_on_next_opening()
    {
        // Mon 16:00 + 60 min: the hour 16:00-17:00 uses it all up at the closing, so Tue 09:00.
        var deadline = NineToFive.Deadline(Zone.Local(2026, 11, 23, 16), Duration.FromHours(1));

        Assert.Equal(L(2026, 11, 24, 9), NineToFive.LocalOf(deadline));
    }

    [Fact]
    public void Budget_used_up_inside_an_interval_lands_inside_it()
    {
        // Mon 10:00 + 2h, all of it before the 17:00 closing.
        Assert.Equal(Zone.Local(2026, 11, 23, 12), NineToFive.Deadline(Zone.Local(2026, 11, 23, 10), Duration.FromHours(2)));
    }

    [Fact]
    public void Budget_one_minute_past_closing_continues_one_minute_after_next_opening()
    {
        // Mon 16:00 + 61 min: 60 min until 17:00, the last minute from Tue 09:00.
        Assert.Equal(Zone.Local(2026, 11, 24, 9, 1), NineToFive.Deadline(Zone.Local(2026, 11, 23, 16), Duration.FromMinutes(61)));
    }

    [Fact]
    public void Budget_used_up_one_tick_before_closing_stays_before_closing()
    {
        // Mon 16:00 + (1h - 1 tick) ends 1 tick before 17:00: still inside Monday's interval.
        var deadline = NineToFive.Deadline(Zone.Local(2026, 11, 23, 16), Duration.FromHours(1) - Duration.FromTicks(1));

        Assert.Equal(Zone.Local(2026, 11, 23, 17) - Duration.FromTicks(1), deadline);
    }

    [Fact]
    public void Budget_exactly_filling_an_interval_lands_on_the_next_opening()
    {
        // Mon 09:00 + 8h fills 09:00-17:00 exactly, so the deadline is Tue 09:00, not Mon 17:00.
        Assert.Equal(Zone.Local(2026, 11, 24, 9), NineToFive.Deadline(Zone.Local(2026, 11, 23, 9), Duration.FromHours(8)));
    }

    [Fact]
    public void Zero_budget_inside_open_hours_is_the_start_itself()
    {
        Assert.Equal(Zone.Local(2026, 11, 23, 10, 15), NineToFive.Deadline(Zone.Local(2026, 11, 23, 10, 15), Duration.Zero));
    }

    [Fact]
    public void Zero_budget_after_hours_is_the_next_opening()
    {
        Assert.Equal(Zone.Local(2026, 11, 24, 9), NineToFive.Deadline(Zone.Local(2026, 11, 23, 20), Duration.Zero));
    }

    [Fact]
    public void Zero_budget_exactly_at_opening_is_the_opening()
    {
        Assert.Equal(Zone.Local(2026, 11, 23, 9), NineToFive.Deadline(Zone.Local(2026, 11, 23, 9), Duration.Zero));
    }

    [Fact]
    public void Zero_budget_exactly_at_closing_is_the_next_opening()
    {
        // The closing instant itself is not open (intervals are [open, close)).
        Assert.Equal(Zone.Local(2026, 11, 24, 9), NineToFive.Deadline(Zone.Local(2026, 11, 23, 17), Duration.Zero));
    }

    [Fact]
    public void Start_at_closing_time_behaves_like_a_start_after_hours()
    {
        // Both count from Tue 09:00: + 1h is Tue 10:00.
        var atClosing = NineToFive.Deadline(Zone.Local(2026, 11, 23, 17), Duration.FromHours(1));
        var afterHours = NineToFive.Deadline(Zone.Local(2026, 11, 23, 18, 30), Duration.FromHours(1));

        Assert.Equal(Zone.Local(2026, 11, 24, 10), atClosing);
        Assert.Equal(atClosing, afterHours);
    }

    [Fact]
    public void Start_exactly_at_opening_counts_from_that_instant()
    {
        Assert.Equal(Zone.Local(2026, 11, 23, 10), NineToFive.Deadline(Zone.Local(2026, 11, 23, 9), Duration.FromHours(1)));
    }

    [Fact]
    public void Start_before_opening_counts_from_the_opening()
    {
        Assert.Equal(Zone.Local(2026, 11, 23, 9, 30), NineToFive.Deadline(Zone.Local(2026, 11, 23, 6), Duration.FromMinutes(30)));
    }

    [Fact]
    public void Friday_afternoon_budget_continues_on_Monday()
    {
        // Fri 2026-11-27 16:00 + 2h: 1h on Friday, the weekend is closed, 1h on Mon 2026-11-30.
        Assert.Equal(Zone.Local(2026, 11, 30, 10), NineToFive.Deadline(Zone.Local(2026, 11, 27, 16), Duration.FromHours(2)));
    }

    [Fact]
    public void Start_on_a_weekend_counts_from_Monday_opening()
    {
        Assert.Equal(Zone.Local(2026, 11, 30, 9, 30), NineToFive.Deadline(Zone.Local(2026, 11, 28, 12), Duration.FromMinutes(30)));
    }

    [Fact]
    public void Budget_of_several_days_skips_nights_and_the_weekend()
    {
        // Thu 2026-11-26 13:00 + 20h: Thu 4h, Fri 8h (12h), Mon 8h (20h) fills Monday exactly -> Tue 09:00.
        Assert.Equal(Zone.Local(2026, 12, 1, 9), NineToFive.Deadline(Zone.Local(2026, 11, 26, 13), Duration.FromHours(20)));
    }

    [Fact]
    public void Lunch_break_is_skipped_and_a_budget_ending_at_lunch_lands_after_it()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-12:00").OpenWeekdays("13:00-17:00").Build();

        // Mon 11:00 + 2h: 11:00-12:00, then 13:00-14:00.
        Assert.Equal(Zone.Local(2026, 11, 23, 14), calendar.Deadline(Zone.Local(2026, 11, 23, 11), Duration.FromHours(2)));
        // Mon 11:00 + 1h is used up at the 12:00 closing, so it lands on the 13:00 opening.
        Assert.Equal(Zone.Local(2026, 11, 23, 13), calendar.Deadline(Zone.Local(2026, 11, 23, 11), Duration.FromHours(1)));
    }

    [Fact]
    public void Adjacent_intervals_at_noon_behave_as_one_so_a_deadline_ending_at_noon_is_noon()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-12:00").OpenWeekdays("12:00-17:00").Build();

        // 12:00 is not a closing (the next interval opens at the same instant), so 09:00 + 3h is 12:00.
        Assert.Equal(Zone.Local(2026, 11, 23, 12), calendar.Deadline(Zone.Local(2026, 11, 23, 9), Duration.FromHours(3)));
        Assert.Equal(Zone.Local(2026, 11, 23, 13), calendar.Deadline(Zone.Local(2026, 11, 23, 9), Duration.FromHours(4)));
        // Filling both intervals (8h) is used up at the real closing, 17:00 -> Tue 09:00.
        Assert.Equal(Zone.Local(2026, 11, 24, 9), calendar.Deadline(Zone.Local(2026, 11, 23, 9), Duration.FromHours(8)));
    }

    [Fact]
    public void Night_shift_belongs_to_the_day_it_starts_on()
    {
        // 22:00-06:00 Mon-Fri: Friday's shift runs into Saturday 06:00; Saturday and Sunday have none.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("22:00-06:00").Build();

        // Mon 23:00 + 2h -> Tue 01:00.
        Assert.Equal(Zone.Local(2026, 11, 24, 1), calendar.Deadline(Zone.Local(2026, 11, 23, 23), Duration.FromHours(2)));
        // Sat 05:00 + 2h: Sat 05:00-06:00 (Friday's shift), then Mon 22:00-23:00.
        Assert.Equal(Zone.Local(2026, 11, 30, 23), calendar.Deadline(Zone.Local(2026, 11, 28, 5), Duration.FromHours(2)));
        // Tue 05:00 + 1h is used up at the 06:00 closing -> Tue 22:00.
        Assert.Equal(Zone.Local(2026, 11, 24, 22), calendar.Deadline(Zone.Local(2026, 11, 24, 5), Duration.FromHours(1)));
    }

    [Fact]
    public void Negative_budget_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NineToFive.Deadline(Zone.Local(2026, 11, 23, 9), Duration.FromMinutes(-1)));
    }

    [Fact]
    public void Deadline_on_the_built_in_24x7_calendar_is_start_plus_budget()
    {
        var start = Utc(2026, 11, 23, 16, 7);

        Assert.Equal(start + Duration.FromMinutes(90), BusinessCalendar.AlwaysOpen.Deadline(start, Duration.FromMinutes(90)));
    }
}
