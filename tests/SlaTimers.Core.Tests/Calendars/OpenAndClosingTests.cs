using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>IsOpen, NextOpening, NextClosing and CurrentOrNextPeriod. Intervals are [opening, closing).</summary>
public class OpenAndClosingTests
{
    private static readonly BusinessCalendar NineToFive =
        CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").Build();

    private static readonly DateTimeZone Zone = NineToFive.Zone;

    [Fact]
    public void IsOpen_includes_the_opening_and_excludes_the_closing()
    {
        Assert.False(NineToFive.IsOpen(Zone.Local(2026, 11, 23, 9) - Duration.FromTicks(1)));
        Assert.True(NineToFive.IsOpen(Zone.Local(2026, 11, 23, 9)));
        Assert.True(NineToFive.IsOpen(Zone.Local(2026, 11, 23, 17) - Duration.FromTicks(1)));
        Assert.False(NineToFive.IsOpen(Zone.Local(2026, 11, 23, 17)));
        Assert.False(NineToFive.IsOpen(Zone.Local(2026, 11, 28, 12))); // Saturday
    }

    [Fact]
    public void NextOpening_inside_open_hours_is_the_instant_itself()
    {
        Assert.Equal(Zone.Local(2026, 11, 23, 12), NineToFive.NextOpening(Zone.Local(2026, 11, 23, 12)));
    }

    [Fact]
    public void NextOpening_at_closing_is_the_next_days_opening()
    {
        Assert.Equal(Zone.Local(2026, 11, 24, 9), NineToFive.NextOpening(Zone.Local(2026, 11, 23, 17)));
    }

    [Fact]
    public void NextOpening_on_Friday_evening_is_Monday_morning()
    {
        Assert.Equal(Zone.Local(2026, 11, 30, 9), NineToFive.NextOpening(Zone.Local(2026, 11, 27, 18)));
    }

    [Fact]
    public void NextClosing_inside_open_hours_is_that_days_closing()
    {
        Assert.Equal(Zone.Local(2026, 11, 23, 17), NineToFive.NextClosing(Zone.Local(2026, 11, 23, 9)));
    }

    [Fact]
    public void NextClosing_at_closing_is_the_next_periods_closing()
    {
        Assert.Equal(Zone.Local(2026, 11, 24, 17), NineToFive.NextClosing(Zone.Local(2026, 11, 23, 17)));
    }

    [Fact]
    public void NextClosing_with_adjacent_intervals_at_noon_is_the_real_closing()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-12:00").OpenWeekdays("12:00-17:00").Build();

        Assert.Equal(Zone.Local(2026, 11, 23, 17), calendar.NextClosing(Zone.Local(2026, 11, 23, 10)));
        Assert.True(calendar.IsOpen(Zone.Local(2026, 11, 23, 12)));
        Assert.Equal(new Interval(Zone.Local(2026, 11, 23, 9), Zone.Local(2026, 11, 23, 17)),
            calendar.CurrentOrNextPeriod(Zone.Local(2026, 11, 23, 12)));
    }

    [Fact]
    public void CurrentOrNextPeriod_inside_open_hours_is_the_whole_current_period()
    {
        Assert.Equal(new Interval(Zone.Local(2026, 11, 23, 9), Zone.Local(2026, 11, 23, 17)),
            NineToFive.CurrentOrNextPeriod(Zone.Local(2026, 11, 23, 13, 45)));
    }

    [Fact]
    public void CurrentOrNextPeriod_after_hours_is_the_next_period()
    {
        Assert.Equal(new Interval(Zone.Local(2026, 11, 30, 9), Zone.Local(2026, 11, 30, 17)),
            NineToFive.CurrentOrNextPeriod(Zone.Local(2026, 11, 27, 17)));
    }

    [Fact]
    public void Night_shifts_every_night_merge_with_day_hours_into_one_period()
    {
        // 06:00-22:00 and 22:00-06:00 on weekdays: open from Mon 06:00 until Sat 06:00 without a break.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("06:00-22:00").OpenWeekdays("22:00-06:00").Build();

        Assert.Equal(new Interval(Zone.Local(2026, 11, 23, 6), Zone.Local(2026, 11, 28, 6)),
            calendar.CurrentOrNextPeriod(Zone.Local(2026, 11, 25, 3)));
        Assert.Equal(Zone.Local(2026, 11, 28, 6), calendar.NextClosing(Zone.Local(2026, 11, 22, 12)));
    }

    [Fact]
    public void NextClosing_of_a_night_shift_spanning_New_Year_is_on_January_1st_at_0600()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00").Build();

        Assert.Equal(Zone.Local(2026, 1, 1, 6), calendar.NextClosing(Zone.Local(2025, 12, 31, 23)));
        Assert.Equal(Zone.Local(2026, 1, 1, 6), calendar.NextClosing(Zone.Local(2025, 12, 31, 12)));
        Assert.True(calendar.IsOpen(Zone.Local(2026, 1, 1, 0)));
    }

    [Fact]
    public void NextClosing_of_a_night_shift_spanning_New_Year_is_on_January_2nd_when_January_1st_is_open()
    {
        // Every night 22:00-06:00; Thursday (2026-01-01 is a Thursday) also 06:00-22:00, so the
        // Wednesday-night shift, Thursday's day hours and the Thursday-night shift join up.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00")
            .Open("06:00-22:00", IsoDayOfWeek.Thursday).Build();

        Assert.Equal(Zone.Local(2026, 1, 2, 6), calendar.NextClosing(Zone.Local(2025, 12, 31, 23)));
        Assert.Equal(Zone.Local(2026, 1, 2, 6), calendar.NextClosing(Zone.Local(2026, 1, 1, 3)));
        Assert.Equal(Duration.FromHours(32), calendar.Elapsed(Zone.Local(2025, 12, 31, 22), Zone.Local(2026, 1, 2, 6)));
    }

    [Fact]
    public void CurrentOrNextPeriod_of_a_night_shift_spanning_New_Year_starts_when_the_shift_started()
    {
        // The period that holds Jan 1 03:00 is the whole shift, Dec 31 22:00 - Jan 1 06:00, not a piece of it.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00").Build();

        Assert.Equal(new Interval(Zone.Local(2025, 12, 31, 22), Zone.Local(2026, 1, 1, 6)),
            calendar.CurrentOrNextPeriod(Zone.Local(2026, 1, 1, 3)));
    }

    [Fact]
    public void NextClosing_on_a_calendar_that_closes_only_at_weekends_is_found_across_the_year()
    {
        // Mon 00:00 - Sat 00:00 open; Dec 31 2026 is a Thursday, so the period runs Mon 2026-12-28 to Sat 2027-01-02.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("00:00-24:00").Build();

        Assert.Equal(new Interval(Zone.Local(2026, 12, 28, 0), Zone.Local(2027, 1, 2, 0)),
            calendar.CurrentOrNextPeriod(Zone.Local(2026, 12, 30, 8)));
    }

    [Fact]
    public void NextOpening_and_IsOpen_on_the_built_in_24x7_calendar()
    {
        var instant = Utc(2026, 7, 4, 3, 21);

        Assert.True(BusinessCalendar.AlwaysOpen.IsOpen(instant));
        Assert.Equal(instant, BusinessCalendar.AlwaysOpen.NextOpening(instant));
    }
}
