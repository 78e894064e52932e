using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>Elapsed(from, to): real time inside open intervals over the half-open range [from, to).</summary>
public class ElapsedTests
{
    private static readonly BusinessCalendar NineToFive =
        CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00").Build();

    private static readonly DateTimeZone Zone = NineToFive.Zone;

    [Fact]
    public void A_week_of_nine_to_five_weekdays_counts_forty_hours()
    {
        // Any 7 × 24h window holds five 8-hour days.
        Assert.Equal(Duration.FromHours(40), NineToFive.Elapsed(Zone.Local(2026, 11, 25, 13), Zone.Local(2026, 12, 2, 13)));
    }

    [Fact]
    public void Range_that_ends_at_closing_counts_the_whole_interval()
    {
        Assert.Equal(Duration.FromHours(8), NineToFive.Elapsed(Zone.Local(2026, 11, 23, 9), Zone.Local(2026, 11, 23, 17)));
    }

    [Fact]
    public void Range_is_half_open_so_the_instant_at_to_is_not_counted()
    {
        // [09:00, 09:01) is one minute; [17:00, 17:00) and [09:00, 09:00) are empty.
        Assert.Equal(Duration.FromMinutes(1), NineToFive.Elapsed(Zone.Local(2026, 11, 23, 9), Zone.Local(2026, 11, 23, 9, 1)));
        Assert.Equal(Duration.Zero, NineToFive.Elapsed(Zone.Local(2026, 11, 23, 9), Zone.Local(2026, 11, 23, 9)));
        Assert.Equal(Duration.Zero, NineToFive.Elapsed(Zone.Local(2026, 11, 23, 17), Zone.Local(2026, 11, 23, 17)));
        Assert.Equal(Duration.FromTicks(1), NineToFive.Elapsed(Zone.Local(2026, 11, 23, 17) - Duration.FromTicks(1), Zone.Local(2026, 11, 23, 17)));
    }

    [Fact]
    public void Range_entirely_after_hours_counts_nothing()
    {
        Assert.Equal(Duration.Zero, NineToFive.Elapsed(Zone.Local(2026, 11, 23, 17), Zone.Local(2026, 11, 24, 9)));
        Assert.Equal(Duration.Zero, NineToFive.Elapsed(Zone.Local(2026, 11, 28, 0), Zone.Local(2026, 11, 30, 0)));
    }

    [Fact]
    public void Range_across_a_night_counts_both_partial_days()
    {
        // Mon 16:30-17:00 and Tue 09:00-09:45.
        Assert.Equal(Duration.FromMinutes(75), NineToFive.Elapsed(Zone.Local(2026, 11, 23, 16, 30), Zone.Local(2026, 11, 24, 9, 45)));
    }

    [Fact]
    public void Adjacent_intervals_at_noon_count_without_a_gap()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-12:00").OpenWeekdays("12:00-17:00").Build();

        Assert.Equal(Duration.FromHours(8), calendar.Elapsed(Zone.Local(2026, 11, 23, 0), Zone.Local(2026, 11, 24, 0)));
        Assert.Equal(Duration.FromMinutes(60), calendar.Elapsed(Zone.Local(2026, 11, 23, 11, 30), Zone.Local(2026, 11, 23, 12, 30)));
    }

    [Fact]
    public void To_before_from_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => NineToFive.Elapsed(Zone.Local(2026, 11, 23, 10), Zone.Local(2026, 11, 23, 9)));
    }

    [Fact]
    public void Elapsed_up_to_a_deadline_is_the_budget()
    {
        var start = Zone.Local(2026, 11, 26, 13, 17);
        var budget = Duration.FromMinutes(1234);

        Assert.Equal(budget, NineToFive.Elapsed(start, NineToFive.Deadline(start, budget)));
    }

    [Fact]
    public void Elapsed_on_the_built_in_24x7_calendar_is_real_elapsed_time()
    {
        var from = Utc(2026, 3, 1, 5, 5);
        var to = Utc(2027, 4, 2, 6, 6);

        Assert.Equal(to - from, BusinessCalendar.AlwaysOpen.Elapsed(from, to));
    }
}
