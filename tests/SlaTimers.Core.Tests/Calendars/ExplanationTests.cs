using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>ExplainDeadline and DaysIn: the evidence a dispute is settled with. Amsterdam, 2026.</summary>
public class ExplanationTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly LocalDate Wednesday = new(2026, 11, 25);

    private static CalendarBuilder NineToFive() => CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00");

    private static Duration Sum(IEnumerable<Interval> segments) =>
        segments.Aggregate(Duration.Zero, (total, segment) => total + segment.Duration);

    [Fact]
    public void Segments_used_are_the_open_periods_between_start_and_deadline_and_sum_to_the_budget()
    {
        var calendar = CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-12:00").OpenWeekdays("13:00-17:00").Build();

        // Mon 11:00 + 6h: 11:00-12:00 (1h), 13:00-17:00 (4h), Tue 09:00-10:00 (1h).
        var explanation = calendar.ExplainDeadline(Zone.Local(2026, 11, 23, 11), Duration.FromHours(6));

        Assert.Equal(Zone.Local(2026, 11, 24, 10), explanation.Deadline);
        Assert.Equal(
            [
                new Interval(Zone.Local(2026, 11, 23, 11), Zone.Local(2026, 11, 23, 12)),
                new Interval(Zone.Local(2026, 11, 23, 13), Zone.Local(2026, 11, 23, 17)),
                new Interval(Zone.Local(2026, 11, 24, 9), Zone.Local(2026, 11, 24, 10)),
            ],
            explanation.SegmentsUsed.ToArray());
        Assert.Equal(Duration.FromHours(6), Sum(explanation.SegmentsUsed));
        Assert.Equal("test", explanation.CalendarId);
        Assert.Empty(explanation.Days);
    }

    [Fact]
    public void A_holiday_between_start_and_deadline_appears_in_Skipped_with_its_name()
    {
        var calendar = NineToFive().Holiday(Wednesday, "Sint Maarten").Build();

        var explanation = calendar.ExplainDeadline(Zone.Local(2026, 11, 24, 16), Duration.FromHours(2));

        Assert.Equal(Zone.Local(2026, 11, 26, 10), explanation.Deadline);
        var skipped = Assert.Single(explanation.Skipped);
        Assert.Equal(Wednesday, skipped.Date);
        Assert.Equal("Sint Maarten", skipped.Name);
        Assert.Equal(CalendarDayKind.Holiday, skipped.Kind);
        Assert.Equal([CalendarBuilder.Interval("09:00-17:00")], skipped.WeeklyHours.ToArray());
        Assert.Equal(Duration.FromHours(2), Sum(explanation.SegmentsUsed));
        Assert.Empty(explanation.ChangedHours);
    }

    [Fact]
    public void An_override_between_start_and_deadline_appears_in_ChangedHours()
    {
        var calendar = NineToFive().Override(Wednesday, "Short day", "10:00-12:00").Build();

        // Tue 16:00 + 4h: Tue 1h, Wed 10:00-12:00 (2h), Thu 09:00-10:00 (1h).
        var explanation = calendar.ExplainDeadline(Zone.Local(2026, 11, 24, 16), Duration.FromHours(4));

        Assert.Equal(Zone.Local(2026, 11, 26, 10), explanation.Deadline);
        var changed = Assert.Single(explanation.ChangedHours);
        Assert.Equal(Wednesday, changed.Date);
        Assert.Equal("Short day", changed.Name);
        Assert.Equal([CalendarBuilder.Interval("10:00-12:00")], changed.Hours.ToArray());
        Assert.Empty(explanation.Skipped);
        Assert.Equal(Duration.FromHours(4), Sum(explanation.SegmentsUsed));
    }

    [Fact]
    public void An_override_on_a_holiday_is_explained_as_changed_hours_under_the_holidays_name()
    {
        var calendar = NineToFive().Holiday(Wednesday, "Sint Maarten").Override(Wednesday, null, "10:00-12:00").Build();

        var explanation = calendar.ExplainDeadline(Zone.Local(2026, 11, 24, 16), Duration.FromHours(4));

        var changed = Assert.Single(explanation.ChangedHours);
        Assert.Equal("Sint Maarten", changed.Name);
        Assert.Empty(explanation.Skipped);
    }

    [Fact]
    public void Explanation_on_the_built_in_24x7_calendar_is_one_segment_from_start_to_deadline()
    {
        var start = Utc(2026, 11, 23, 16);

        var explanation = BusinessCalendar.AlwaysOpen.ExplainDeadline(start, Duration.FromHours(2));

        Assert.Equal(start + Duration.FromHours(2), explanation.Deadline);
        Assert.Equal([new Interval(start, start + Duration.FromHours(2))], explanation.SegmentsUsed.ToArray());
    }

    [Fact]
    public void DaysIn_lists_holidays_closures_and_changed_hours_of_the_year_in_date_order()
    {
        var calendar = NineToFive()
            .Override(new LocalDate(2026, 12, 31), "Company closure")
            .YearlyHoliday(12, 26, "Second Christmas Day") // a Saturday in 2026: no weekly hours to skip
            .YearlyHoliday(12, 25, "Christmas")
            .Override(new LocalDate(2026, 12, 24), "Christmas Eve", "09:00-13:00")
            .Build();

        var days = calendar.DaysIn(2026);

        Assert.Equal(
            [
                (new LocalDate(2026, 12, 24), CalendarDayKind.ChangedHours, "Christmas Eve", false),
                (new LocalDate(2026, 12, 25), CalendarDayKind.Holiday, "Christmas", true),
                (new LocalDate(2026, 12, 26), CalendarDayKind.Holiday, "Second Christmas Day", false),
                (new LocalDate(2026, 12, 31), CalendarDayKind.Closure, "Company closure", true),
            ],
            days.Select(d => (d.Date, d.Kind, d.Name, d.SkipsWeeklyHours)));
        Assert.Equal([CalendarBuilder.Interval("09:00-13:00")], days[0].Hours.ToArray());
        Assert.Equal([CalendarBuilder.Interval("09:00-17:00")], days[0].WeeklyHours.ToArray());
        Assert.Equal([new LocalDate(2027, 12, 25), new LocalDate(2027, 12, 26)], calendar.DaysIn(2027).Select(d => d.Date));
    }
}
