using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>
/// A holiday closes its whole local date, including the after-midnight tail of the previous night's
/// shift, and a shift that starts on a holiday is closed entirely. An empty override closes a date the
/// same way; an override with hours replaces the date's hours (winning over a holiday) and does not cut
/// the previous night's tail; nor does a weekday without hours. Week of Mon 2026-11-23, Amsterdam.
/// </summary>
public class HolidayAndOverrideTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly LocalDate Wednesday = new(2026, 11, 25);

    private static CalendarBuilder NineToFive() => CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00");

    private static CalendarBuilder NightShifts() => CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00");

    [Fact]
    public void A_holiday_closes_its_weekly_hours()
    {
        var calendar = NineToFive().Holiday(Wednesday, "Company day").Build();

        // Tue 16:00 + 2h: Tue 16:00-17:00, Wednesday closed, Thu 09:00-10:00.
        Assert.Equal(Zone.Local(2026, 11, 26, 10), calendar.Deadline(Zone.Local(2026, 11, 24, 16), Duration.FromHours(2)));
        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 25, 12)));
        Assert.Equal(Duration.FromHours(32), calendar.Elapsed(Zone.Local(2026, 11, 23, 0), Zone.Local(2026, 11, 30, 0)));
    }

    [Fact]
    public void A_holiday_cuts_the_after_midnight_tail_of_the_previous_nights_shift()
    {
        var calendar = NightShifts().Holiday(Wednesday, "Company day").Build();

        // Tuesday's shift stops at Wednesday 00:00.
        Assert.True(calendar.IsOpen(Zone.Local(2026, 11, 24, 23, 59)));
        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 25, 0)));
        Assert.Equal(Zone.Local(2026, 11, 25, 0), calendar.NextClosing(Zone.Local(2026, 11, 24, 22)));
    }

    [Fact]
    public void An_overnight_shift_that_starts_on_a_holiday_is_closed_entirely()
    {
        var calendar = NightShifts().Holiday(Wednesday, "Company day").Build();

        // Wednesday's shift (Wed 22:00 - Thu 06:00) belongs to the holiday, including its part on Thursday.
        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 25, 23)));
        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 26, 3)));
        Assert.Equal(Zone.Local(2026, 11, 26, 22), calendar.NextOpening(Zone.Local(2026, 11, 25, 0)));
    }

    [Fact]
    public void Overnight_shift_across_a_holiday_loses_the_holidays_tail_and_the_holidays_own_shift()
    {
        var calendar = NightShifts().Holiday(Wednesday, "Company day").Build();

        // Tue 20:00 - Thu 20:00 holds only Tue 22:00-24:00.
        Assert.Equal(Duration.FromHours(2), calendar.Elapsed(Zone.Local(2026, 11, 24, 20), Zone.Local(2026, 11, 26, 20)));
        // Tue 23:00 + 2h: 1h until the holiday starts, then Thursday's shift from 22:00.
        Assert.Equal(Zone.Local(2026, 11, 26, 23), calendar.Deadline(Zone.Local(2026, 11, 24, 23), Duration.FromHours(2)));
        // Tue 23:00 + 1h is used up at the cut (midnight), a closing -> Thursday 22:00.
        Assert.Equal(Zone.Local(2026, 11, 26, 22), calendar.Deadline(Zone.Local(2026, 11, 24, 23), Duration.FromHours(1)));
    }

    [Fact]
    public void An_empty_override_closes_its_date_like_a_holiday()
    {
        var calendar = NightShifts().Override(Wednesday, "Closed for moving").Build();

        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 25, 0)));
        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 26, 3)));
        Assert.Equal(Duration.FromHours(2), calendar.Elapsed(Zone.Local(2026, 11, 24, 20), Zone.Local(2026, 11, 26, 20)));
    }

    [Fact]
    public void A_weekday_without_hours_does_not_cut_the_previous_nights_tail()
    {
        // Shifts Mon-Fri only: Friday's shift still runs to Saturday 06:00 although Saturday has no hours.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("22:00-06:00").Build();

        Assert.True(calendar.IsOpen(Zone.Local(2026, 11, 28, 3)));
        Assert.Equal(Zone.Local(2026, 11, 28, 6), calendar.NextClosing(Zone.Local(2026, 11, 27, 22)));
    }

    [Fact]
    public void An_override_with_hours_replaces_the_weekly_hours_of_that_date()
    {
        var calendar = NineToFive().Override(Wednesday, "Short day", "10:00-12:00").Build();

        Assert.Equal(Duration.FromHours(2), calendar.Elapsed(Zone.Local(2026, 11, 25, 0), Zone.Local(2026, 11, 26, 0)));
        Assert.False(calendar.IsOpen(Zone.Local(2026, 11, 25, 9, 30)));
        // Tue 16:00 + 2h: 1h Tuesday, then Wed 10:00-11:00.
        Assert.Equal(Zone.Local(2026, 11, 25, 11), calendar.Deadline(Zone.Local(2026, 11, 24, 16), Duration.FromHours(2)));
    }

    [Fact]
    public void An_override_on_a_holiday_wins_over_the_holiday()
    {
        var calendar = NineToFive().Holiday(Wednesday, "Company day").Override(Wednesday, null, "10:00-12:00").Build();

        Assert.Equal(Duration.FromHours(2), calendar.Elapsed(Zone.Local(2026, 11, 25, 0), Zone.Local(2026, 11, 26, 0)));
        Assert.True(calendar.IsOpen(Zone.Local(2026, 11, 25, 10)));
    }

    [Fact]
    public void An_override_with_hours_does_not_cut_the_previous_nights_tail()
    {
        // Wednesday gets 08:00-10:00 instead of its shift; Tuesday's shift still runs until Wed 06:00.
        var calendar = NightShifts().Override(Wednesday, "Training", "08:00-10:00").Build();

        Assert.True(calendar.IsOpen(Zone.Local(2026, 11, 25, 5)));
        // Tue 20:00 - Thu 20:00: Tue 22:00 - Wed 06:00 (8h), Wed 08:00-10:00 (2h); Wednesday has no shift, so Thursday
        // 00:00-06:00 is closed.
        Assert.Equal(Duration.FromHours(10), calendar.Elapsed(Zone.Local(2026, 11, 24, 20), Zone.Local(2026, 11, 26, 20)));
    }

    [Fact]
    public void An_override_on_a_holiday_with_night_hours_keeps_the_previous_tail_and_its_own_shift()
    {
        var calendar = NightShifts().Holiday(Wednesday, "Company day").Override(Wednesday, "Skeleton crew", "22:00-02:00").Build();

        // Tue 22:00 - Wed 06:00 (8h, not cut: the override decides Wednesday) + Wed 22:00 - Thu 02:00 (4h).
        Assert.Equal(Duration.FromHours(12), calendar.Elapsed(Zone.Local(2026, 11, 24, 20), Zone.Local(2026, 11, 26, 20)));
    }

    [Fact]
    public void An_override_opens_a_weekday_that_has_no_hours()
    {
        // An extra working Saturday 2026-11-28 10:00-14:00: Fri 16:00 + 2h -> 1h Friday, 1h Saturday.
        var calendar = NineToFive().Override(new LocalDate(2026, 11, 28), "Extra Saturday", "10:00-14:00").Build();

        Assert.Equal(Zone.Local(2026, 11, 28, 11), calendar.Deadline(Zone.Local(2026, 11, 27, 16), Duration.FromHours(2)));
    }

    [Fact]
    public void A_yearly_holiday_closes_its_date_every_year()
    {
        // Christmas 2026 is a Friday, 2027 a Saturday (no weekly hours), 2028 a Monday.
        var calendar = NineToFive().YearlyHoliday(12, 25, "Christmas").Build();

        Assert.False(calendar.IsOpen(Zone.Local(2026, 12, 25, 12)));
        Assert.False(calendar.IsOpen(Zone.Local(2028, 12, 25, 12)));
        Assert.True(calendar.IsOpen(Zone.Local(2028, 12, 26, 12)));
        // Thu 2026-12-24 16:00 + 2h: 1h Thursday, Christmas Friday closed, Mon 2026-12-28 09:00-10:00.
        Assert.Equal(Zone.Local(2026, 12, 28, 10), calendar.Deadline(Zone.Local(2026, 12, 24, 16), Duration.FromHours(2)));
    }

    [Fact]
    public void Two_holiday_sources_on_the_same_date_close_it_once_under_both_names()
    {
        var calendar = NineToFive().Holiday(Wednesday, "Company day").YearlyHoliday(11, 25, "Founders day").Build();

        var day = Assert.Single(calendar.DaysIn(2026));
        Assert.Equal(Wednesday, day.Date);
        Assert.Contains("Company day", day.Name);
        Assert.Contains("Founders day", day.Name);
        Assert.Equal(Duration.FromHours(32), calendar.Elapsed(Zone.Local(2026, 11, 23, 0), Zone.Local(2026, 11, 30, 0)));
    }
}
