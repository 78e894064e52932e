using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary>Entries of <c>overrides</c>: other hours on one date, or <c>[]</c> to close it.</summary>
public class OverrideTests
{
    private const string File = "calendars/desk.json";

    private static ConfigLoadResult Load(string overrides)
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", CalendarJson.Make(timeZone: "\"UTC\"", overrides: overrides));
        return folder.Load();
    }

    [Fact]
    public void Override_with_hours_replaces_the_weekly_hours_of_that_date()
    {
        // 2026-12-24 is a Thursday, closed in the weekly hours; 2027-01-02 a Saturday.
        var calendar = Load("""
            [{ "date": "2026-12-24", "hours": ["09:00-13:00"], "name": "Christmas Eve" },
             { "date": "2027-01-02", "hours": ["10:00-14:00"] }]
            """).GetOrThrow().Calendars.Get("test");

        Assert.True(calendar.IsOpen(Instant.FromUtc(2026, 12, 24, 12, 0)));
        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 12, 24, 13, 0)));
        Assert.True(calendar.IsOpen(Instant.FromUtc(2027, 1, 2, 10, 0)));
        var christmasEve = Assert.Single(calendar.DaysIn(2026));
        Assert.Equal(("Christmas Eve", CalendarDayKind.ChangedHours), (christmasEve.Name, christmasEve.Kind));
    }

    [Fact]
    public void Override_with_no_hours_closes_the_date()
    {
        // 2026-11-23 is a Monday, open 09:00-17:00 in the weekly hours.
        var calendar = Load("""[{ "date": "2026-11-23", "hours": [] }]""").GetOrThrow().Calendars.Get("test");

        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 11, 23, 10, 0)));
        Assert.Equal(CalendarDayKind.Closure, Assert.Single(calendar.DaysIn(2026)).Kind);
    }

    [Fact]
    public void Impossible_override_date_is_reported()
    {
        ProblemAssert.Single(Load("""[{ "date": "2026-02-30", "hours": [] }]"""), File, "$.overrides[0].date",
            "'2026-02-30' is not a date", "February 2026 has 28 days");
    }

    [Fact]
    public void Override_without_hours_asks_for_them()
    {
        ProblemAssert.Single(Load("""[{ "date": "2026-12-24" }]"""), File, "$.overrides[0].hours",
            "'hours' is missing", "or [] to close it");
    }

    [Fact]
    public void Override_hours_are_checked_like_weekly_hours()
    {
        ProblemAssert.Single(Load("""[{ "date": "2026-12-24", "hours": ["09:00-13:00", "12:00-25:00"] }]"""), File,
            "$.overrides[0].hours[1]", "'25:00' is not a time");
    }

    [Fact]
    public void Second_override_for_the_same_date_is_reported_with_the_first()
    {
        var result = Load("""
            [{ "date": "2026-12-24", "hours": ["09:00-13:00"] },
             { "date": "2026-12-24", "hours": [] }]
            """);

        ProblemAssert.Single(result, File, "$.overrides[1].date", "2026-12-24 already has an override at $.overrides[0].date");
    }
}
