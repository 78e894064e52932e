using System.Text.Json;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli;

/// <summary>
/// <c>slatimers deadline</c> against the real config/calendars. Expected deadlines are worked out by hand
/// from the calendar files; each test says how.
/// </summary>
public class DeadlineCommandTests
{
    private static readonly string Config = TestPaths.RealConfig;

    [Fact]
    public void Deadline_On24x7_IsStartPlusDuration()
    {
        // 24x7 is always open (in UTC), so the deadline is simply start + 2h.
        var result = CliHarness.Run("deadline", "--calendar", "24x7", "--start", "2026-12-24T16:30:00Z", "--duration", "PT2H", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Deadline  2026-12-24T18:30:00Z", result.OutLines);
        Assert.Contains("Local     Thu 2026-12-24 18:30:00 +00:00 UTC (UTC)", result.OutLines);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Deadline_OnChristmasEveAfterHours_SkipsChristmasAndWinterClosure_LandsOnNewYearsEve()
    {
        // nl-servicedesk.json: Thu 2026-12-24 has override 09:00-13:00, so at 17:30 CET (16:30Z) it is closed.
        // Fri 25 Dec is a public holiday (NL), Sat 26 / Sun 27 are closed weekdays, Mon 28 - Wed 30 Dec are the
        // "Winter closure" of nl-closures.ics (DTEND 2026-12-31 is exclusive). Thu 31 Dec has override 09:00-13:00:
        // the 2h budget runs 09:00-11:00 CET, so the deadline is 11:00+01:00 = 10:00Z.
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-12-24T16:30:00Z", "--duration", "2h", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Deadline  2026-12-31T10:00:00Z", result.OutLines);
        Assert.Contains("Local     Thu 2026-12-31 11:00:00 +01:00 CET (Europe/Amsterdam)", result.OutLines);
    }

    [Fact]
    public void Deadline_WithOffsetInstant_MeansTheSameMomentAsUtc()
    {
        // 17:30+01:00 is 16:30Z: the same start as the Christmas case above, so the same deadline.
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-12-24T17:30:00+01:00", "--duration", "PT2H", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("2026-12-24T16:30:00Z", json.RootElement.GetProperty("start").GetString());
        Assert.Equal("2026-12-31T10:00:00Z", json.RootElement.GetProperty("deadline").GetString());
    }

    [Fact]
    public void Deadline_Json_HasTheStableShape()
    {
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-12-24T16:30:00Z", "--duration", "120m", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["calendar", "zone", "start", "duration", "deadline", "deadlineLocal"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("nl-servicedesk", root.GetProperty("calendar").GetString());
        Assert.Equal("Europe/Amsterdam", root.GetProperty("zone").GetString());
        Assert.Equal("PT2H", root.GetProperty("duration").GetString());
        Assert.Equal("2026-12-31T10:00:00Z", root.GetProperty("deadline").GetString());
        Assert.Equal("2026-12-31T11:00:00+01:00", root.GetProperty("deadlineLocal").GetString());
    }

    [Fact]
    public void Deadline_ExplainJson_ListsSegmentsAroundTheLunchBreak()
    {
        // Mon 2026-11-23 is an ordinary Monday (08:30-12:30, 13:00-17:30). Start 11:30 CET (10:30Z) + 2h:
        // 11:30-12:30 uses 1h, the lunch break 12:30-13:00 does not count, 13:00-14:00 uses the other hour.
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-11-23T10:30:00Z", "--duration", "PT2H",
            "--explain", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("2026-11-23T13:00:00Z", root.GetProperty("deadline").GetString());
        var segments = root.GetProperty("segments").EnumerateArray()
            .Select(s => (s.GetProperty("from").GetString(), s.GetProperty("to").GetString(), s.GetProperty("duration").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("2026-11-23T11:30:00+01:00", "2026-11-23T12:30:00+01:00", "PT1H"),
                ("2026-11-23T13:00:00+01:00", "2026-11-23T14:00:00+01:00", "PT1H"),
            ],
            segments);
        Assert.Empty(root.GetProperty("skipped").EnumerateArray());
        Assert.Empty(root.GetProperty("changedHours").EnumerateArray());
    }

    [Fact]
    public void Deadline_ExplainJson_ListsHolidaysClosuresAndChangedHours()
    {
        // The Christmas case: skipped are Fri 25 Dec (public holiday) and Mon 28 - Wed 30 Dec (winter closure
        // from the ICS file); Sat 26 Dec is a holiday too but on a closed weekday, so it takes nothing away.
        // Changed hours: Christmas Eve (start date) and New Year's Eve (deadline date), both 09:00-13:00.
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-12-24T16:30:00Z", "--duration", "PT2H",
            "--explain", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(
            [("2026-12-31T09:00:00+01:00", "2026-12-31T11:00:00+01:00", "PT2H")],
            root.GetProperty("segments").EnumerateArray()
                .Select(s => (s.GetProperty("from").GetString(), s.GetProperty("to").GetString(), s.GetProperty("duration").GetString())));
        var skipped = root.GetProperty("skipped").EnumerateArray()
            .Select(s => (s.GetProperty("date").GetString(), s.GetProperty("kind").GetString())).ToList();
        Assert.Equal(
            [("2026-12-25", "holiday"), ("2026-12-28", "holiday"), ("2026-12-29", "holiday"), ("2026-12-30", "holiday")],
            skipped);
        Assert.Equal("Winter closure", root.GetProperty("skipped")[1].GetProperty("name").GetString());
        var changed = root.GetProperty("changedHours").EnumerateArray()
            .Select(s => (s.GetProperty("date").GetString(), s.GetProperty("name").GetString(), s.GetProperty("hours")[0].GetString())).ToList();
        Assert.Equal([("2026-12-24", "Christmas Eve", "09:00-13:00"), ("2026-12-31", "New Year's Eve", "09:00-13:00")], changed);
    }

    [Fact]
    public void Deadline_ExplainText_ShowsSegmentsSkippedDatesAndChangedHours()
    {
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-12-24T16:30:00Z", "--duration", "PT2H",
            "--explain", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Open time used (local time, Europe/Amsterdam)", result.OutLines);
        Assert.Contains(result.OutLines, l => l.Contains("Thu 2026-12-31 09:00") && l.Contains("11:00") && l.Contains("2h"));
        Assert.Contains(result.OutLines, l => l.Contains("Mon 2026-12-28") && l.Contains("Winter closure") && l.Contains("08:30-12:30, 13:00-17:30"));
        Assert.Contains(result.OutLines, l => l.Contains("Thu 2026-12-24") && l.Contains("Christmas Eve") && l.Contains("09:00-13:00"));
    }

    [Fact]
    public void Deadline_BudgetUsedUpAtFridayClosing_LandsOnMondayOpening()
    {
        // Friday hours end at 16:00. Fri 2026-11-27 15:00 CET (14:00Z) + 1h is used up exactly at the closing,
        // so the deadline is the next opening: Mon 2026-11-30 08:30 CET = 07:30Z.
        var result = CliHarness.Run("deadline", "--calendar", "nl-servicedesk", "--start", "2026-11-27T14:00:00Z", "--duration", "1h", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("2026-11-30T07:30:00Z", json.RootElement.GetProperty("deadline").GetString());
        Assert.Equal("2026-11-30T08:30:00+01:00", json.RootElement.GetProperty("deadlineLocal").GetString());
    }

    [Fact]
    public void Deadline_ConfigBeforeTheCommand_IsAcceptedToo()
    {
        var result = CliHarness.Run("--config", Config, "deadline", "--calendar", "24x7", "--start", "2026-01-01T00:00Z", "--duration", "0m", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"deadline\": \"2026-01-01T00:00:00Z\"", result.Out);
    }
}
