using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>Long budgets and sparse calendars are answered exactly, without stepping through time.</summary>
public class LongHorizonTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>Open one hour a year, June 1st 10:00-11:00, in the years given; never by the week.</summary>
    private static BusinessCalendar OneHourAYear(int firstYear, int lastYear)
    {
        var builder = CalendarBuilder.In("Europe/Amsterdam");
        for (var year = firstYear; year <= lastYear; year++)
        {
            builder.Override(new LocalDate(year, 6, 1), "The yearly hour", "10:00-11:00");
        }
        return builder.Build();
    }

    [Fact]
    public void A_1000_hour_budget_on_nine_to_five_weekdays_takes_exactly_25_weeks()
    {
        // 40h a week: 1000h fill 25 weeks exactly, ending at a Friday closing -> the Monday after, 09:00.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").Build();
        var start = Zone.Local(2026, 11, 23, 9);

        var deadline = calendar.Deadline(start, Duration.FromHours(1000));

        Assert.Equal(Zone.Local(2027, 5, 17, 9), deadline);
        Assert.Equal(Duration.FromHours(1000), calendar.Elapsed(start, deadline));
    }

    [Fact]
    public void A_2000_hour_budget_with_two_weekday_holidays_takes_50_weeks_and_two_days()
    {
        // 50 weeks hold 2000h, less Christmas (Fri 2026-12-25) and New Year (Fri 2027-01-01): 16h short.
        // Mon 2027-11-08 and Tue 2027-11-09 give those 16h, filled at Tuesday's closing -> Wednesday 09:00.
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00")
            .YearlyHoliday(12, 25, "Christmas").YearlyHoliday(1, 1, "New Year's Day").Build();
        var start = Zone.Local(2026, 11, 23, 9);

        var deadline = calendar.Deadline(start, Duration.FromHours(2000));

        Assert.Equal(Zone.Local(2027, 11, 10, 9), deadline);
        Assert.Equal(Duration.FromHours(2000), calendar.Elapsed(start, deadline));
    }

    [Fact]
    public void Ten_years_on_the_built_in_24x7_calendar_is_ten_years_of_real_time()
    {
        var start = Utc(2026, 2, 3, 4, 5);
        var budget = Duration.FromDays(3653);

        Assert.Equal(start + budget, BusinessCalendar.AlwaysOpen.Deadline(start, budget));
        Assert.Equal(budget, BusinessCalendar.AlwaysOpen.Elapsed(start, start + budget));
    }

    [Fact]
    public void Calendar_open_one_hour_a_year_lands_a_five_hour_budget_five_years_later()
    {
        var calendar = OneHourAYear(2020, 2040);
        var start = Zone.Local(2026, 1, 1);

        // 2026, 2027, 2028, 2029, 2030: the fifth hour is used up at 2030-06-01 11:00, a closing -> 2031-06-01 10:00.
        Assert.Equal(Zone.Local(2031, 6, 1, 10), calendar.Deadline(start, Duration.FromHours(5)));
        Assert.Equal(Zone.Local(2030, 6, 1, 10, 30), calendar.Deadline(start, Duration.FromMinutes(270)));
        Assert.Equal(Duration.FromHours(21), calendar.Elapsed(Zone.Local(2020, 1, 1), Zone.Local(2041, 1, 1)));
        Assert.Equal(Zone.Local(2026, 6, 1, 10), calendar.NextOpening(start));
        Assert.Equal(Zone.Local(2026, 6, 1, 11), calendar.NextClosing(start));
    }

    [Fact]
    public void Calendar_that_is_never_open_is_refused_at_creation()
    {
        var empty = CalendarBuilder.In("Europe/Amsterdam");
        var closuresOnly = CalendarBuilder.In("Europe/Amsterdam").Override(new LocalDate(2026, 6, 1), "Closed");

        var error = Assert.Throws<CalendarNeverOpensException>(() => empty.Build("nowhere"));
        Assert.Equal("nowhere", error.CalendarId);
        Assert.Throws<CalendarNeverOpensException>(() => closuresOnly.Build());
    }

    [Fact]
    public void Deadline_past_the_last_hours_a_calendar_has_throws_instead_of_looping()
    {
        var calendar = OneHourAYear(2020, 2030);

        Assert.Throws<CalendarNeverOpensException>(() => calendar.Deadline(Zone.Local(2031, 1, 1), Duration.FromHours(1)));
        // From 2026 only five hours remain (2026-2030).
        Assert.Throws<CalendarNeverOpensException>(() => calendar.Deadline(Zone.Local(2026, 1, 1), Duration.FromHours(6)));
        Assert.Throws<CalendarNeverOpensException>(() => calendar.NextOpening(Zone.Local(2030, 6, 1, 11)));
        Assert.Throws<CalendarNeverOpensException>(() => calendar.NextClosing(Zone.Local(2031, 1, 1)));
        // The last hour itself is still found.
        Assert.Equal(Zone.Local(2030, 6, 1, 10), calendar.Deadline(Zone.Local(2026, 1, 1), Duration.FromHours(4)));
    }

    [Fact]
    public void Elapsed_over_decades_of_a_calendar_without_hours_is_zero()
    {
        var calendar = OneHourAYear(2020, 2030);

        Assert.Equal(Duration.Zero, calendar.Elapsed(Zone.Local(2031, 1, 1), Zone.Local(2131, 1, 1)));
    }
}
