using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>Leap days and New Year, where the engine's yearly timelines meet. Amsterdam.</summary>
public class YearBoundaryTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public void Yearly_holiday_on_February_29th_closes_the_leap_day_only_in_leap_years()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("00:00-24:00").YearlyHoliday(2, 29, "Leap day").Build();

        // 2028: Feb 28 and Mar 1 open, Feb 29 closed. 2027: no Feb 29, and Feb 28 stays open.
        Assert.Equal(Duration.FromHours(48), calendar.Elapsed(Zone.Local(2028, 2, 28), Zone.Local(2028, 3, 2)));
        Assert.False(calendar.IsOpen(Zone.Local(2028, 2, 29, 12)));
        Assert.Equal(Duration.FromHours(72), calendar.Elapsed(Zone.Local(2027, 2, 27), Zone.Local(2027, 3, 2)));
        Assert.Empty(calendar.DaysIn(2027));
        Assert.Equal(new LocalDate(2028, 2, 29), Assert.Single(calendar.DaysIn(2028)).Date);
    }

    [Fact]
    public void Deadline_over_a_leap_day_holiday_skips_it()
    {
        // Mon 2028-02-28 16:00 + 2h: 1h Monday, Tue Feb 29 closed, Wed Mar 1 09:00-10:00.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").YearlyHoliday(2, 29, "Leap day").Build();

        Assert.Equal(Zone.Local(2028, 3, 1, 10), calendar.Deadline(Zone.Local(2028, 2, 28, 16), Duration.FromHours(2)));
    }

    [Fact]
    public void Leap_day_is_an_ordinary_working_day_without_a_holiday()
    {
        // Mon 2028-02-28 16:00 + 9h: 1h Monday, all 8h of Tue Feb 29 (filled at its closing) -> Wed 09:00.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").Build();

        Assert.Equal(Zone.Local(2028, 3, 1, 9), calendar.Deadline(Zone.Local(2028, 2, 28, 16), Duration.FromHours(9)));
    }

    [Fact]
    public void Night_shift_on_New_Years_Eve_stops_at_midnight_when_January_1st_is_a_holiday()
    {
        // Every night 22:00-06:00; Jan 1 a holiday: Dec 31 (Thu) 22:00-24:00 only, and Jan 1's own shift
        // (Jan 1 22:00 - Jan 2 06:00) is closed as well.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00").YearlyHoliday(1, 1, "New Year's Day").Build();

        Assert.False(calendar.IsOpen(Zone.Local(2027, 1, 1, 0)));
        Assert.False(calendar.IsOpen(Zone.Local(2027, 1, 2, 3)));
        Assert.Equal(Zone.Local(2027, 1, 1, 0), calendar.NextClosing(Zone.Local(2026, 12, 31, 22)));
        Assert.Equal(Duration.FromHours(2), calendar.Elapsed(Zone.Local(2026, 12, 31, 20), Zone.Local(2027, 1, 2, 20)));
        // Dec 31 23:00 + 2h: 1h until midnight, then Jan 2 22:00-23:00.
        Assert.Equal(Zone.Local(2027, 1, 2, 23), calendar.Deadline(Zone.Local(2026, 12, 31, 23), Duration.FromHours(2)));
    }

    [Fact]
    public void Night_shift_on_New_Years_Eve_runs_into_January_when_January_1st_is_open()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00").Build();

        // Dec 31 23:00 + 3h -> Jan 1 02:00; the shift is 8h long across the year boundary.
        Assert.Equal(Zone.Local(2027, 1, 1, 2), calendar.Deadline(Zone.Local(2026, 12, 31, 23), Duration.FromHours(3)));
        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(Zone.Local(2026, 12, 31, 12), Zone.Local(2027, 1, 1, 12)));
    }

    [Fact]
    public void Deadline_crossing_New_Year_skips_the_New_Year_holiday()
    {
        // Thu 2026-12-31 16:00 + 2h: 1h Thursday, Fri Jan 1 holiday, weekend, Mon 2027-01-04 09:00-10:00.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").YearlyHoliday(1, 1, "New Year's Day").Build();

        Assert.Equal(Zone.Local(2027, 1, 4, 10), calendar.Deadline(Zone.Local(2026, 12, 31, 16), Duration.FromHours(2)));
        Assert.Equal(Duration.FromHours(2), calendar.Elapsed(Zone.Local(2026, 12, 31, 16), Zone.Local(2027, 1, 4, 10)));
    }

    [Fact]
    public void Budget_used_up_exactly_at_midnight_of_New_Year_lands_on_the_next_opening()
    {
        // 22:00-24:00 every day: Dec 31 22:00 + 2h is used up at the closing Jan 1 00:00 -> Jan 1 22:00.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-24:00").Build();

        Assert.Equal(Zone.Local(2027, 1, 1, 22), calendar.Deadline(Zone.Local(2026, 12, 31, 22), Duration.FromHours(2)));
    }

    [Fact]
    public void A_24x7_deadline_crosses_New_Year_without_a_seam()
    {
        var allDay = CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("00:00-24:00").Build();

        Assert.Equal(Zone.Local(2027, 1, 1, 1), allDay.Deadline(Zone.Local(2026, 12, 31, 23), Duration.FromHours(2)));
        Assert.Equal(Utc(2027, 1, 1, 1), BusinessCalendar.AlwaysOpen.Deadline(Utc(2026, 12, 31, 23), Duration.FromHours(2)));
        Assert.True(allDay.IsOpen(Zone.Local(2027, 1, 1, 0)));
    }
}
