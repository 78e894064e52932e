using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli;

/// <summary>Bad command lines: exit code 2, nothing on standard output, and an error naming the option and what it expects.</summary>
public class BadInputTests
{
    private static readonly string Config = TestPaths.RealConfig;

    [Fact]
    public void Deadline_WithoutCalendar_NamesTheMissingOption()
    {
        var result = CliHarness.Run("deadline", "--start", "2026-12-24T16:30:00Z", "--duration", "PT2H", "--config", Config);

        AssertBadInput(result, "--calendar is required: --calendar ID");
    }

    [Theory]
    [InlineData("2026-12-24 16:30")]
    [InlineData("2026-12-24T16:30:00")] // a local time without offset is ambiguous
    [InlineData("tomorrow")]
    public void Deadline_WithBadStart_SaysWhatAnInstantLooksLike(string start)
    {
        var result = CliHarness.Run("deadline", "--calendar", "24x7", "--start", start, "--duration", "PT2H", "--config", Config);

        AssertBadInput(result, $"--start: '{start}' is not an instant: expected an ISO-8601 instant with Z or an offset");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("P1M")] // months have no fixed length
    [InlineData("2x")]
    public void Deadline_WithBadDuration_SaysWhatADurationLooksLike(string duration)
    {
        var result = CliHarness.Run("deadline", "--calendar", "24x7", "--start", "2026-12-24T16:30:00Z", "--duration", duration, "--config", Config);

        AssertBadInput(result, $"--duration: '{duration}' is not a duration: expected an ISO-8601 duration such as PT4H30M");
    }

    [Fact]
    public void Deadline_WithUnknownCalendar_ListsTheKnownCalendars()
    {
        var result = CliHarness.Run("deadline", "--calendar", "nl-helpdesk", "--start", "2026-12-24T16:30:00Z", "--duration", "PT2H", "--config", Config);

        AssertBadInput(result, "--calendar: unknown calendar 'nl-helpdesk': expected one of 24x7,");
        Assert.Contains("nl-servicedesk", result.Error);
    }

    [Fact]
    public void Deadline_WithBatchAndCalendar_SaysTheyDoNotCombine()
    {
        var result = CliHarness.Run("deadline", "--batch", "--calendar", "24x7", "--config", Config);

        AssertBadInput(result, "--batch reads calendar, start and duration from each input line: remove --calendar");
    }

    [Fact]
    public void Deadline_WithUnknownOption_IsRejected()
    {
        var result = CliHarness.Run("deadline", "--calendar", "24x7", "--start", "2026-12-24T16:30:00Z", "--duration", "PT2H", "--bogus", "--config", Config);

        AssertBadInput(result, "unrecognized argument(s) '--bogus'");
    }

    [Fact]
    public void Elapsed_WithToBeforeFrom_SaysWhichWayRound()
    {
        var result = CliHarness.Run("elapsed", "--calendar", "24x7", "--from", "2026-12-24T16:30:00Z", "--to", "2026-12-24T15:30:00Z", "--config", Config);

        AssertBadInput(result, "--to (2026-12-24T15:30:00Z) is before --from (2026-12-24T16:30:00Z)");
    }

    [Fact]
    public void Elapsed_WithoutTo_NamesTheMissingOption()
    {
        var result = CliHarness.Run("elapsed", "--calendar", "24x7", "--from", "2026-12-24T16:30:00Z", "--config", Config);

        AssertBadInput(result, "--to is required: --to INSTANT");
    }

    [Fact]
    public void MissingExplicitConfigFolder_IsNamed()
    {
        var result = CliHarness.Run("check-config", "--config", "/no/such/slatimers-config");

        AssertBadInput(result, "--config: the folder '/no/such/slatimers-config' does not exist");
    }

    [Fact]
    public void MistypedCommand_IsNotTakenForTheWorker()
    {
        var result = CliHarness.Run("dedline", "--calendar", "24x7");

        AssertBadInput(result, "'dedline' is not a command: expected one of run, check-config, deadline, elapsed, calendar");
    }

    [Fact]
    public void CalendarShow_WithYearOutOfRange_SaysTheRange()
    {
        var result = CliHarness.Run("calendar", "show", "24x7", "--year", "12000", "--config", Config);

        AssertBadInput(result, "--year: 12000 is out of range: expected a year from 2 to 9998");
    }

    private static void AssertBadInput(CliResult result, string expectedError)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expectedError, result.Error);
        Assert.Empty(result.Out);
    }
}
