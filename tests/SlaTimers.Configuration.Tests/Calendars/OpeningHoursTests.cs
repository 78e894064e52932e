using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary>Weekly hours: "HH:MM-HH:MM" intervals, night shifts, the whole day, weekday names.</summary>
public class OpeningHoursTests
{
    private const string File = "calendars/desk.json";

    private static ConfigLoadResult Load(string json)
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", json);
        return folder.Load();
    }

    private static BusinessCalendar LoadCalendar(string json) => Load(json).GetOrThrow().Calendars.Get("test");

    [Theory]
    [InlineData("25:00-17:00", "'25:00'")]
    [InlineData("08:00-25:00", "'25:00'")]
    [InlineData("08:60-17:00", "'08:60'")]
    [InlineData("08:00-24:30", "'24:30'")]
    public void Time_out_of_range_is_not_a_time(string interval, string time)
    {
        var result = Load(CalendarJson.Monday($"\"{interval}\""));

        ProblemAssert.Single(result, File, "$.week.monday[0]", $"{time} is not a time: expected HH:MM from 00:00 to 24:00");
    }

    [Fact]
    public void Hour_with_one_digit_shows_the_two_digit_form()
    {
        ProblemAssert.Single(Load(CalendarJson.Monday("\"9:00-17:00\"")), File, "$.week.monday[0]", "'9:00' is not a time", "'09:00'");
    }

    [Theory]
    [InlineData("0900-1700")]
    [InlineData("09:00")]
    [InlineData("09:00 to 17:00")]
    [InlineData("09:00-12:00-13:00")]
    [InlineData("nine to five")]
    public void Text_that_is_not_two_times_is_not_an_interval(string interval)
    {
        var result = Load(CalendarJson.Monday("\"08:00-09:00\"", $"\"{interval}\""));

        ProblemAssert.Single(result, File, "$.week.monday[1]", $"'{interval}' is not an interval: expected HH:MM-HH:MM", "'08:30-17:30'");
    }

    [Fact]
    public void Interval_cannot_start_at_24_00()
    {
        ProblemAssert.Single(Load(CalendarJson.Monday("\"24:00-06:00\"")), File, "$.week.monday[0]",
            "starts at 24:00: 24:00 is allowed only as an end", "'00:00'");
    }

    [Theory]
    [InlineData("08:00-08:00")]
    [InlineData("00:00-00:00")]
    public void Interval_with_the_same_start_and_end_is_empty(string interval)
    {
        ProblemAssert.Single(Load(CalendarJson.Monday($"\"{interval}\"")), File, "$.week.monday[0]",
            $"'{interval}' is empty", "'00:00-24:00' for the whole day");
    }

    [Fact]
    public void Overlapping_intervals_in_one_day_name_both_and_the_merged_interval()
    {
        var result = Load(CalendarJson.Monday("\"08:30-12:30\"", "\"12:00-14:00\""));

        ProblemAssert.Single(result, File, "$.week.monday[1]",
            "'12:00-14:00' overlaps '08:30-12:30' at $.week.monday[0]", "must not overlap", "'08:30-14:00'");
    }

    [Fact]
    public void Night_shift_overlapping_a_late_interval_of_the_same_day_is_reported()
    {
        var result = Load(CalendarJson.Monday("\"22:00-06:00\"", "\"18:00-23:00\""));

        ProblemAssert.Single(result, File, "$.week.monday[1]", "overlaps '22:00-06:00'", "'18:00-06:00'");
    }

    [Fact]
    public void Whole_day_and_any_other_interval_overlap()
    {
        ProblemAssert.Single(Load(CalendarJson.Monday("\"00:00-24:00\"", "\"22:00-06:00\"")), File, "$.week.monday[1]",
            "overlaps '00:00-24:00'", "shorten or remove one of them");
    }

    [Fact]
    public void Touching_intervals_do_not_overlap()
    {
        Assert.True(Load(CalendarJson.Monday("\"08:00-12:00\"", "\"12:00-17:00\"")).IsValid);
    }

    [Theory]
    [InlineData("mondy", "monday")]
    [InlineData("Monday", "monday")]
    [InlineData("mon", "monday")]
    [InlineData("thurday", "thursday")]
    public void Unknown_weekday_suggests_the_meant_one_and_lists_the_valid_names(string name, string meant)
    {
        var result = Load(CalendarJson.Make(week: $$"""{ "tuesday": ["09:00-17:00"], "{{name}}": ["09:00-17:00"] }"""));

        ProblemAssert.Single(result, File, $"$.week.{name}", $"unknown weekday '{name}' (did you mean '{meant}'?)",
            "expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday");
    }

    [Fact]
    public void Intervals_become_core_opening_intervals_with_24_00_as_midnight()
    {
        var calendar = LoadCalendar(CalendarJson.Make(week: """
            { "monday": ["08:30-12:30", "13:00-17:30"], "tuesday": ["00:00-24:00"],
              "wednesday": ["18:00-24:00"], "thursday": ["22:00-06:00"], "saturday": [] }
            """));

        var week = calendar.Definition.Week;
        Assert.Equal(
            [new OpeningInterval(new LocalTime(8, 30), new LocalTime(12, 30)), new OpeningInterval(new LocalTime(13, 0), new LocalTime(17, 30))],
            week[IsoDayOfWeek.Monday].ToArray());
        Assert.Equal(OpeningInterval.WholeDay, Assert.Single(week[IsoDayOfWeek.Tuesday]));
        Assert.Equal(new OpeningInterval(new LocalTime(18, 0), LocalTime.Midnight), Assert.Single(week[IsoDayOfWeek.Wednesday]));
        Assert.Equal(new OpeningInterval(new LocalTime(22, 0), new LocalTime(6, 0)), Assert.Single(week[IsoDayOfWeek.Thursday]));
        Assert.True(week[IsoDayOfWeek.Friday].IsEmpty, "a missing weekday is closed");
        Assert.True(week[IsoDayOfWeek.Saturday].IsEmpty, "[] is closed");
    }

    [Fact]
    public void Night_shift_belongs_to_the_day_it_starts_and_runs_past_midnight()
    {
        var calendar = LoadCalendar(CalendarJson.Make(timeZone: "\"UTC\"", week: """{ "monday": ["22:00-06:00"] }"""));

        // 2026-11-23 is a Monday.
        Assert.True(calendar.IsOpen(Instant.FromUtc(2026, 11, 24, 3, 0)), "Tuesday 03:00 is in Monday's night shift");
        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 11, 25, 3, 0)), "Wednesday 03:00 follows a closed Tuesday");
    }
}
