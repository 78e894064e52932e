using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>
/// Business time is real elapsed time. A boundary in a spring-forward gap moves forward by the gap; an
/// ambiguous fall-back boundary takes the earlier occurrence. Expected instants are written with their
/// UTC offset so the side of each transition is explicit:
/// Amsterdam 2026-03-29 02:00 +01 -> 03:00 +02 and 2026-10-25 03:00 +02 -> 02:00 +01;
/// New York 2026-03-08 02:00 -05 -> 03:00 -04 and 2026-11-01 02:00 -04 -> 01:00 -05;
/// São Paulo 2018-11-04 00:00 -03 -> 01:00 -02 and 2019-02-17 00:00 -02 -> 2019-02-16 23:00 -03;
/// Lord Howe 2026-10-04 02:00 +10:30 -> 02:30 +11.
/// </summary>
public class DaylightSavingTests
{
    private static BusinessCalendar AllDay(string zone) => CalendarBuilder.In(zone).OpenEveryDay("00:00-24:00").Build();

    private static BusinessCalendar Sundays(string zone, string hours) => CalendarBuilder.In(zone).Open(hours, IsoDayOfWeek.Sunday).Build();

    [Fact]
    public void A_24x7_day_in_Amsterdam_on_spring_forward_counts_23_hours()
    {
        var calendar = AllDay("Europe/Amsterdam");

        Assert.Equal(Duration.FromHours(23), calendar.Elapsed(At(2026, 3, 29, 0, 0, +1), At(2026, 3, 30, 0, 0, +2)));
    }

    [Fact]
    public void A_24x7_day_in_Amsterdam_on_fall_back_counts_25_hours()
    {
        var calendar = AllDay("Europe/Amsterdam");

        Assert.Equal(Duration.FromHours(25), calendar.Elapsed(At(2026, 10, 25, 0, 0, +2), At(2026, 10, 26, 0, 0, +1)));
    }

    [Fact]
    public void A_24x7_deadline_of_24_hours_over_spring_forward_ends_at_0100_the_next_day()
    {
        // The day has only 23 hours, so 24 business hours from midnight end at 01:00 the next day.
        var calendar = AllDay("Europe/Amsterdam");

        Assert.Equal(At(2026, 3, 30, 1, 0, +2), calendar.Deadline(At(2026, 3, 29, 0, 0, +1), Duration.FromHours(24)));
    }

    [Fact]
    public void Opening_in_the_Amsterdam_spring_forward_gap_moves_forward_by_the_gap()
    {
        // 02:30 does not exist; it opens at 03:30 CEST (01:30Z) and closes at 05:00 CEST: 1h30m.
        var calendar = Sundays("Europe/Amsterdam", "02:30-05:00");

        Assert.Equal(At(2026, 3, 29, 3, 30, +2), calendar.NextOpening(At(2026, 3, 29, 0, 0, +1)));
        Assert.False(calendar.IsOpen(At(2026, 3, 29, 3, 29, +2)));
        Assert.True(calendar.IsOpen(At(2026, 3, 29, 3, 30, +2)));
        Assert.Equal(Duration.FromMinutes(90), calendar.Elapsed(At(2026, 3, 29, 0, 0, +1), At(2026, 3, 30, 0, 0, +2)));
    }

    [Fact]
    public void Closing_in_the_Amsterdam_spring_forward_gap_moves_forward_by_the_gap()
    {
        // 00:00-02:30: the closing becomes 03:30 CEST, so 00:00-02:00 CET plus 03:00-03:30 CEST = 2h30m.
        var calendar = Sundays("Europe/Amsterdam", "00:00-02:30");

        Assert.Equal(At(2026, 3, 29, 3, 30, +2), calendar.NextClosing(At(2026, 3, 29, 0, 0, +1)));
        Assert.Equal(Duration.FromMinutes(150), calendar.Elapsed(At(2026, 3, 29, 0, 0, +1), At(2026, 3, 30, 0, 0, +2)));
    }

    [Fact]
    public void Ambiguous_opening_on_Amsterdam_fall_back_takes_the_earlier_occurrence()
    {
        // 02:30-04:00: opens at the first 02:30 (CEST, 00:30Z), closes 04:00 CET (03:00Z): 2h30m.
        var calendar = Sundays("Europe/Amsterdam", "02:30-04:00");

        Assert.Equal(At(2026, 10, 25, 2, 30, +2), calendar.NextOpening(At(2026, 10, 25, 0, 0, +2)));
        Assert.Equal(Duration.FromMinutes(150), calendar.Elapsed(At(2026, 10, 25, 0, 0, +2), At(2026, 10, 26, 0, 0, +1)));
    }

    [Fact]
    public void Ambiguous_closing_on_Amsterdam_fall_back_takes_the_earlier_occurrence()
    {
        // 01:00-02:30: closes at the first 02:30 (CEST); the second 02:30-03:00 (CET) is closed.
        var calendar = Sundays("Europe/Amsterdam", "01:00-02:30");

        Assert.Equal(At(2026, 10, 25, 2, 30, +2), calendar.NextClosing(At(2026, 10, 25, 1, 0, +2)));
        Assert.False(calendar.IsOpen(At(2026, 10, 25, 2, 45, +1)));
        Assert.Equal(Duration.FromMinutes(90), calendar.Elapsed(At(2026, 10, 25, 0, 0, +2), At(2026, 10, 26, 0, 0, +1)));
    }

    [Fact]
    public void Night_shift_over_Amsterdam_spring_forward_is_seven_hours()
    {
        // Saturday 22:00 CET (21:00Z) to Sunday 06:00 CEST (04:00Z).
        var calendar = CalendarBuilder.In("Europe/Amsterdam").Open("22:00-06:00", IsoDayOfWeek.Saturday).Build();

        Assert.Equal(Duration.FromHours(7), calendar.Elapsed(At(2026, 3, 28, 12, 0, +1), At(2026, 3, 29, 12, 0, +2)));
        // 6h from 22:00 CET: 4h to 02:00 CET (= 03:00 CEST), 2h more -> 05:00 CEST.
        Assert.Equal(At(2026, 3, 29, 5, 0, +2), calendar.Deadline(At(2026, 3, 28, 22, 0, +1), Duration.FromHours(6)));
    }

    [Fact]
    public void Night_shift_over_Amsterdam_fall_back_is_nine_hours()
    {
        // Saturday 22:00 CEST (20:00Z) to Sunday 06:00 CET (05:00Z).
        var calendar = CalendarBuilder.In("Europe/Amsterdam").Open("22:00-06:00", IsoDayOfWeek.Saturday).Build();

        Assert.Equal(Duration.FromHours(9), calendar.Elapsed(At(2026, 10, 24, 12, 0, +2), At(2026, 10, 25, 12, 0, +1)));
        // 5h from 22:00 CEST (20:00Z) is 01:00Z = 02:00 CET, the second 02:00 of the night.
        Assert.Equal(At(2026, 10, 25, 2, 0, +1), calendar.Deadline(At(2026, 10, 24, 22, 0, +2), Duration.FromHours(5)));
    }

    [Fact]
    public void A_24x7_day_in_New_York_counts_23_hours_in_March_and_25_hours_in_November()
    {
        var calendar = AllDay("America/New_York");

        Assert.Equal(Duration.FromHours(23), calendar.Elapsed(At(2026, 3, 8, 0, 0, -5), At(2026, 3, 9, 0, 0, -4)));
        Assert.Equal(Duration.FromHours(25), calendar.Elapsed(At(2026, 11, 1, 0, 0, -4), At(2026, 11, 2, 0, 0, -5)));
    }

    [Fact]
    public void Opening_in_the_New_York_spring_forward_gap_opens_at_0315_EDT()
    {
        // 02:15-09:00 on 2026-03-08: opens 03:15 EDT, closes 09:00 EDT: 5h45m.
        var calendar = Sundays("America/New_York", "02:15-09:00");

        Assert.Equal(At(2026, 3, 8, 3, 15, -4), calendar.NextOpening(At(2026, 3, 7, 23, 0, -5)));
        Assert.Equal(Duration.FromMinutes(345), calendar.Elapsed(At(2026, 3, 8, 0, 0, -5), At(2026, 3, 9, 0, 0, -4)));
    }

    [Fact]
    public void Ambiguous_opening_on_New_York_fall_back_takes_the_first_0130()
    {
        // 01:30-03:00 on 2026-11-01: 01:30 EDT (05:30Z) to 03:00 EST (08:00Z): 2h30m.
        var calendar = Sundays("America/New_York", "01:30-03:00");

        Assert.Equal(At(2026, 11, 1, 1, 30, -4), calendar.NextOpening(At(2026, 11, 1, 0, 0, -4)));
        Assert.True(calendar.IsOpen(At(2026, 11, 1, 1, 15, -5))); // the second 01:15 lies inside
        Assert.Equal(Duration.FromMinutes(150), calendar.Elapsed(At(2026, 11, 1, 0, 0, -4), At(2026, 11, 2, 0, 0, -5)));
    }

    [Fact]
    public void Night_shift_over_New_York_fall_back_counts_the_repeated_hour()
    {
        // Saturday 22:00 EDT (02:00Z) to Sunday 06:00 EST (11:00Z) is 9h; 8h from the start is 10:00Z = 05:00 EST.
        var calendar = CalendarBuilder.In("America/New_York").Open("22:00-06:00", IsoDayOfWeek.Saturday).Build();

        Assert.Equal(At(2026, 11, 1, 5, 0, -5), calendar.Deadline(At(2026, 10, 31, 22, 0, -4), Duration.FromHours(8)));
        Assert.Equal(Duration.FromHours(9), calendar.Elapsed(At(2026, 10, 31, 12, 0, -4), At(2026, 11, 1, 12, 0, -5)));
    }

    [Fact]
    public void Interval_from_midnight_on_the_Sao_Paulo_spring_forward_day_opens_at_0100()
    {
        // 2018-11-04 has no 00:00-01:00; 00:00-08:00 opens at 01:00 -02 (03:00Z) and lasts 7h.
        var calendar = Sundays("America/Sao_Paulo", "00:00-08:00");

        Assert.Equal(At(2018, 11, 4, 1, 0, -2), calendar.NextOpening(At(2018, 11, 3, 23, 30, -3)));
        Assert.False(calendar.IsOpen(At(2018, 11, 3, 23, 59, -3)));
        Assert.Equal(Duration.FromHours(7), calendar.Elapsed(At(2018, 11, 3, 0, 0, -3), At(2018, 11, 5, 0, 0, -2)));
    }

    [Fact]
    public void A_24x7_day_in_Sao_Paulo_on_its_midnight_spring_forward_counts_23_hours()
    {
        // The local date 2018-11-04 runs from 01:00 -02 (03:00Z) to the next midnight -02 (02:00Z).
        var calendar = AllDay("America/Sao_Paulo");

        Assert.Equal(Duration.FromHours(23), calendar.Elapsed(At(2018, 11, 4, 1, 0, -2), At(2018, 11, 5, 0, 0, -2)));
        Assert.Equal(Duration.FromHours(47), calendar.Elapsed(At(2018, 11, 3, 0, 0, -3), At(2018, 11, 5, 0, 0, -2)));
    }

    [Fact]
    public void A_holiday_on_the_Sao_Paulo_spring_forward_day_closes_exactly_its_23_hours()
    {
        // 2018-11-03 00:00 -03 (03:00Z) to 2018-11-06 00:00 -02 (02:00Z) is 71h; the holiday takes 23h.
        var calendar = CalendarBuilder.In("America/Sao_Paulo").OpenEveryDay("00:00-24:00")
            .Holiday(new LocalDate(2018, 11, 4), "Test holiday").Build();

        Assert.Equal(Duration.FromHours(48), calendar.Elapsed(At(2018, 11, 3, 0, 0, -3), At(2018, 11, 6, 0, 0, -2)));
        Assert.False(calendar.IsOpen(At(2018, 11, 4, 1, 0, -2)));
        Assert.Equal(At(2018, 11, 5, 0, 0, -2), calendar.NextOpening(At(2018, 11, 4, 1, 0, -2)));
    }

    [Fact]
    public void Night_shift_into_the_Sao_Paulo_spring_forward_day_is_seven_hours()
    {
        // Saturday 22:00 -03 (01:00Z) to Sunday 06:00 -02 (08:00Z).
        var calendar = CalendarBuilder.In("America/Sao_Paulo").Open("22:00-06:00", IsoDayOfWeek.Saturday).Build();

        Assert.Equal(Duration.FromHours(7), calendar.Elapsed(At(2018, 11, 3, 12, 0, -3), At(2018, 11, 4, 12, 0, -2)));
    }

    [Fact]
    public void A_24x7_day_in_Sao_Paulo_on_its_midnight_fall_back_counts_25_hours()
    {
        // 2019-02-16 runs from 00:00 -02 (02:00Z) to 2019-02-17 00:00 -03 (03:00Z): 23:00-24:00 happens twice.
        var calendar = AllDay("America/Sao_Paulo");

        Assert.Equal(Duration.FromHours(25), calendar.Elapsed(At(2019, 2, 16, 0, 0, -2), At(2019, 2, 17, 0, 0, -3)));
    }

    [Fact]
    public void Ambiguous_late_evening_opening_in_Sao_Paulo_takes_the_first_2330()
    {
        // Saturday 2019-02-16 23:30-24:00: opens at the first 23:30 (-02, 01:30Z), closes at midnight -03 (03:00Z).
        var calendar = CalendarBuilder.In("America/Sao_Paulo").Open("23:30-24:00", IsoDayOfWeek.Saturday).Build();

        Assert.Equal(new Interval(At(2019, 2, 16, 23, 30, -2), At(2019, 2, 17, 0, 0, -3)),
            calendar.CurrentOrNextPeriod(At(2019, 2, 16, 12, 0, -2)));
    }

    [Fact]
    public void Lord_Howe_half_hour_spring_forward_shortens_a_24x7_day_to_23_and_a_half_hours()
    {
        var calendar = AllDay("Australia/Lord_Howe");

        Assert.Equal(Duration.FromMinutes(23 * 60 + 30), calendar.Elapsed(At(2026, 10, 4, 0, 0, +10.5), At(2026, 10, 5, 0, 0, +11)));
        // 02:00 itself is in the gap [02:00, 02:30): an interval 02:00-03:00 opens at 02:30 +11 and lasts 30 min.
        var night = Sundays("Australia/Lord_Howe", "02:00-03:00");
        Assert.Equal(At(2026, 10, 4, 2, 30, +11), night.NextOpening(At(2026, 10, 4, 0, 0, +10.5)));
        Assert.Equal(Duration.FromMinutes(30), night.Elapsed(At(2026, 10, 4, 0, 0, +10.5), At(2026, 10, 5, 0, 0, +11)));
    }
}
