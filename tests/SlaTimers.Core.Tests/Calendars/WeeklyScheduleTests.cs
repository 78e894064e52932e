using NodaTime;
using SlaTimers.Core.Calendars;
using static SlaTimers.Core.Tests.Calendars.CalendarBuilder;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>Opening intervals and the weekly schedule as admins write them.</summary>
public class WeeklyScheduleTests
{
    private static WeeklySchedule Week(params (IsoDayOfWeek Day, string[] Hours)[] days) =>
        WeeklySchedule.Create(days.ToDictionary(d => d.Day, d => (IReadOnlyList<OpeningInterval>)[.. d.Hours.Select(Interval)]));

    [Theory]
    [InlineData("09:00-17:00", 8 * 60, false)]
    [InlineData("22:00-06:00", 8 * 60, true)] // a night shift ends on the next day
    [InlineData("00:00-24:00", 24 * 60, true)]
    [InlineData("22:00-24:00", 2 * 60, true)]
    [InlineData("09:00-09:00", 24 * 60, true)] // end at the start: a whole day, ending tomorrow
    [InlineData("08:30-12:45", 4 * 60 + 15, false)]
    public void Interval_length_and_whether_it_ends_the_next_day(string text, int minutes, bool endsNextDay)
    {
        var interval = Interval(text);

        Assert.Equal(Duration.FromMinutes(minutes), interval.NominalLength);
        Assert.Equal(endsNextDay, interval.EndsNextDay);
        Assert.Equal(text, interval.ToString());
    }

    [Fact]
    public void Night_shift_runs_from_its_own_date_into_the_next()
    {
        Assert.Equal((new LocalDateTime(2026, 12, 31, 22, 0), new LocalDateTime(2027, 1, 1, 6, 0)),
            Interval("22:00-06:00").On(new LocalDate(2026, 12, 31)));
    }

    [Fact]
    public void Missing_weekdays_are_closed_and_intervals_are_kept_in_start_order()
    {
        var week = Week((IsoDayOfWeek.Monday, ["13:00-17:00", "09:00-12:00"]));

        Assert.Equal([Interval("09:00-12:00"), Interval("13:00-17:00")], week[IsoDayOfWeek.Monday].ToArray());
        Assert.Empty(week[IsoDayOfWeek.Tuesday]);
        Assert.False(week.IsEmpty);
        Assert.True(Week().IsEmpty);
    }

    [Fact]
    public void Typical_day_of_nine_to_five_weekdays_is_eight_hours()
    {
        Assert.Equal(Duration.FromHours(8), CalendarBuilder.In("UTC").OpenWeekdays("09:00-17:00").Definition().Week.TypicalDayLength);
    }

    [Fact]
    public void Typical_day_is_the_most_common_daily_total()
    {
        // Four days of 8h30, a short Friday of 4h and a Saturday of 4h: 8h30 occurs most often.
        var week = Week(
            (IsoDayOfWeek.Monday, ["08:30-17:00"]), (IsoDayOfWeek.Tuesday, ["08:30-12:00", "12:30-17:30"]),
            (IsoDayOfWeek.Wednesday, ["08:30-17:00"]), (IsoDayOfWeek.Thursday, ["08:30-17:00"]),
            (IsoDayOfWeek.Friday, ["08:30-12:30"]), (IsoDayOfWeek.Saturday, ["10:00-14:00"]));

        Assert.Equal(Duration.FromMinutes(8 * 60 + 30), week.TypicalDayLength);
    }

    [Fact]
    public void Typical_day_takes_the_longer_total_on_a_tie()
    {
        var week = Week((IsoDayOfWeek.Monday, ["09:00-15:00"]), (IsoDayOfWeek.Tuesday, ["09:00-17:00"]));

        Assert.Equal(Duration.FromHours(8), week.TypicalDayLength);
    }

    [Fact]
    public void Typical_day_of_night_shifts_24x7_and_an_empty_week()
    {
        Assert.Equal(Duration.FromHours(8), Week((IsoDayOfWeek.Monday, ["22:00-06:00"])).TypicalDayLength);
        Assert.Equal(Duration.FromHours(24), WeeklySchedule.AlwaysOpen.TypicalDayLength);
        Assert.Equal(Duration.Zero, Week().TypicalDayLength);
    }
}
