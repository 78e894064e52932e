using System.Text.Json;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli;

public class ElapsedCommandTests
{
    private static readonly string Config = TestPaths.RealConfig;

    [Fact]
    public void Elapsed_OverAWholeMonday_CountsBothBlocksButNotLunch()
    {
        // nl-servicedesk Monday: 08:30-12:30 (4h) + 13:00-17:30 (4h30m) = 8h30m = 30600 s.
        // 08:30 CET is 07:30Z, 17:30 CET is 16:30Z (2026-11-23 is an ordinary Monday).
        var result = CliHarness.Run("elapsed", "--calendar", "nl-servicedesk", "--from", "2026-11-23T07:30:00Z", "--to", "2026-11-23T16:30:00Z",
            "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["calendar", "from", "to", "elapsed", "elapsedSeconds"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("PT8H30M", root.GetProperty("elapsed").GetString());
        Assert.Equal(30600, root.GetProperty("elapsedSeconds").GetInt64());
        Assert.Equal("2026-11-23T07:30:00Z", root.GetProperty("from").GetString());
    }

    [Fact]
    public void Elapsed_Text_ShowsShortIsoAndSeconds()
    {
        var result = CliHarness.Run("elapsed", "--calendar", "nl-servicedesk", "--from", "2026-11-23T08:30:00+01:00", "--to", "2026-11-23T17:30:00+01:00",
            "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Elapsed   8h30m of business time (PT8H30M, 30600 s)", result.OutLines);
    }

    [Fact]
    public void Elapsed_AcrossSpringForward_CountsRealTime()
    {
        // us-overnight (America/New_York), Fri 2026-03-06 07:00 EST to Tue 2026-03-10 08:00 EDT; clocks jump on
        // Sun 8 Mar at 02:00. Fri 08:00-18:00 = 10h; Sat closed; Sun 22:00 - Mon 06:00 = 8h (after the jump);
        // Mon 08:00-18:00 = 10h; Mon 22:00 - Tue 06:00 = 8h. Total 36h.
        var result = CliHarness.Run("elapsed", "--calendar", "us-overnight", "--from", "2026-03-06T12:00:00Z", "--to", "2026-03-10T12:00:00Z",
            "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("PT36H", json.RootElement.GetProperty("elapsed").GetString());
        Assert.Equal(129600, json.RootElement.GetProperty("elapsedSeconds").GetInt64());
    }
}
