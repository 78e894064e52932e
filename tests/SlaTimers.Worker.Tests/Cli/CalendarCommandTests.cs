using System.Text.Json;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli;

public class CalendarCommandTests
{
    private static readonly string Config = TestPaths.RealConfig;

    [Fact]
    public void Show_Text_HasZoneWeeklyHoursClosedDaysAndTheYearsDates()
    {
        var result = CliHarness.Run("calendar", "show", "nl-servicedesk", "--year", "2026", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Zone      Europe/Amsterdam", result.OutLines);
        Assert.Contains(result.OutLines, l => l.Contains("Friday") && l.Contains("08:30-12:30, 13:00-16:00"));
        Assert.Contains(result.OutLines, l => l.Contains("Saturday") && l.Contains("closed"));
        Assert.Contains("Holidays and overrides in 2026", result.OutLines);
        Assert.Contains(result.OutLines, l => l.Contains("Thu 2026-12-24") && l.Contains("changedHours") && l.Contains("Christmas Eve") && l.Contains("09:00-13:00"));
        Assert.Contains(result.OutLines, l => l.Contains("Fri 2026-09-18") && l.Contains("Company outing"));
    }

    [Fact]
    public void Show_WithoutYear_UsesTheCurrentYearOfTheInjectedClock()
    {
        // The harness clock reads 2026-11-26, so the default year is 2026 and the 2026-05-15 company closure shows.
        var result = CliHarness.Run("calendar", "show", "nl-servicedesk", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(2026, root.GetProperty("year").GetInt32());
        Assert.Equal("Europe/Amsterdam", root.GetProperty("zone").GetString());
        Assert.Equal(["08:30-12:30", "13:00-16:00"], root.GetProperty("week").GetProperty("friday").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(root.GetProperty("week").GetProperty("sunday").EnumerateArray());
        var days = root.GetProperty("days").EnumerateArray().ToList();
        var closure = Assert.Single(days, d => d.GetProperty("date").GetString() == "2026-05-15");
        Assert.Equal("holiday", closure.GetProperty("kind").GetString());
        Assert.Equal("friday", closure.GetProperty("weekday").GetString());
        var christmasEve = Assert.Single(days, d => d.GetProperty("date").GetString() == "2026-12-24");
        Assert.Equal("changedHours", christmasEve.GetProperty("kind").GetString());
        Assert.Equal(["09:00-13:00"], christmasEve.GetProperty("hours").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Show_AnotherYear_ListsThatYearsOverrides()
    {
        var result = CliHarness.Run("calendar", "show", "nl-servicedesk", "--year", "2027", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var dates = json.RootElement.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()).ToList();
        Assert.Contains("2027-05-07", dates);
        Assert.Contains("2027-12-31", dates);
        Assert.DoesNotContain("2026-12-24", dates);
    }

    [Fact]
    public void Show_UnknownCalendar_IsBadInputListingTheKnownOnes()
    {
        var result = CliHarness.Run("calendar", "show", "nope", "--config", Config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown calendar 'nope'", result.Error);
        Assert.Contains("nl-servicedesk", result.Error);
    }

    [Fact]
    public void List_ShowsEveryCalendarWithItsZone()
    {
        var text = CliHarness.Run("calendar", "list", "--config", Config);
        var json = CliHarness.Run("calendar", "list", "--json", "--config", Config);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains(text.OutLines, l => l.Contains("us-overnight") && l.Contains("America/New_York"));
        using var doc = JsonDocument.Parse(json.Out);
        var ids = doc.RootElement.GetProperty("calendars").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("24x7", ids);
        Assert.Contains("nl-servicedesk", ids);
        Assert.Contains("uk-support", ids);
    }
}
