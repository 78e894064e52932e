using System.Text.Json;
using SlaTimers.Worker.Tests.Support;
using static SlaTimers.Worker.Tests.Cli.Explain.ExplainOutput;

namespace SlaTimers.Worker.Tests.Cli.Explain;

/// <summary>
/// The example tickets the README points to (config/examples/tickets/) explain without error against the
/// shipped config and tell their story. Both tickets are solved, so what they show does not depend on now.
/// </summary>
public class ExampleTicketTests
{
    private static readonly string Config = TestPaths.RealConfig;

    public static TheoryData<string> ExampleFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(Config, "examples", "tickets"), "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_ExplainsWithoutError_AsTextAndJson(string file)
    {
        var text = CliHarness.Run("explain", "--ticket", ExampleTicket(file), "--config", Config);
        var json = CliHarness.Run("explain", "--ticket", ExampleTicket(file), "--config", Config, "--json");

        Assert.True(text.ExitCode == 0 && text.Error.Length == 0, text.ToString());
        Assert.True(json.ExitCode == 0 && json.Error.Length == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Out);
        Assert.NotEmpty(document.RootElement.GetProperty("clocks").EnumerateArray());
    }

    [Fact]
    public void PrinterBeforeKingsDay_ResolutionSkipsTheWeekendAndKingsDay_AndKeepsTimeUsedWhenRaisedToP2()
    {
        // CEST = UTC+2. Fri 24 Apr 14:30-14:50 running (20m), paused waiting for the customer until 15:40,
        // Fri 15:40-16:00 (20m), Sat/Sun closed, Mon 27 Apr Koningsdag, Tue 08:30-09:30 (1h): 1h40m of P3's
        // 3d = 25h30m. P2 from Tue 09:30 (1d = 8h30m): 09:30-12:30 3h + 13:00-14:20 1h20m -> 6h used at the
        // solve, 2h30m left; the deadline it met is Tue 14:20 + 2h30m = 16:50 CEST = 14:50Z.
        var result = CliHarness.Run("explain", "--ticket", ExampleTicket("printer-koningsdag.json"), "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        var clock = ClockLines(result, "gemeente-voorbeeld/resolution/1");
        Assert.Contains("State      met", clock);
        Assert.Contains("Used       6h of 8h30m (priority P2) · 2h30m left", clock);
        Assert.Contains("Deadline   2026-04-28T14:50:00Z · Tue 2026-04-28 16:50:00 +02:00 CEST", clock);
        Assert.Contains("Stopped    2026-04-28T12:20:00Z · Tue 2026-04-28 14:20:00 +02:00 CEST · ticket solved", clock);
        Assert.Equal("Fri 2026-04-24 14:50 → 15:40 | paused (Waiting for customer) | standard / P3 / 25h30m | —", Row(clock, "Fri 2026-04-24 14:50 → 15:40"));
        Assert.Equal("Fri 2026-04-24 15:40 → Tue 2026-04-28 09:30 | running (Open) | standard / P3 / 25h30m | 1h20m",
            Row(clock, "Fri 2026-04-24 15:40 → Tue 2026-04-28 09:30"));
        Assert.Contains(clock, l => l.Contains("budget 25h30m → 8h30m; 1h40m already used is kept", StringComparison.Ordinal));
        Assert.Equal("Mon 2026-04-27 | holiday | Koningsdag | 08:30-12:30, 13:00-17:30", Row(clock, "Mon 2026-04-27"));
        // 50% of 8h30m = 4h15m: 1h40m at 09:30, 2h35m more -> 12:05 CEST.
        Assert.Equal("warning 50% | Tue 2026-04-28 12:05 | due | assignee", Row(clock, "warning 50%"));
        Assert.Equal("warning 90% | — | not reached | assignee, group-lead", Row(clock, "warning 90%"));
    }

    [Fact]
    public void PrinterBeforeKingsDay_SecondLineStint_IsMeasuredByTheOla()
    {
        // Second line from Tue 09:35 to the solve at 14:20: 2h55m + 1h20m = 4h15m of P2's 8h.
        var result = CliHarness.Run("explain", "--ticket", ExampleTicket("printer-koningsdag.json"), "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var ola = Clock(json, "ola-second-line", "resolution");
        Assert.Equal(("internal", "met", "PT4H15M", "PT8H", "2026-04-28T07:35:00Z"),
            (ola.Text("kind"), ola.Text("state"), ola.Text("used"), ola.Text("budget"), ola.Text("started")));
        // Its first response: the second-line reply at 11:05 CEST, 1h30m of 2h.
        Assert.Equal("PT1H30M", Clock(json, "ola-second-line", "firstResponse").Text("used"));
        var skipped = Clock(json, "gemeente-voorbeeld", "resolution").GetProperty("skipped").EnumerateArray()
            .Select(d => (d.Text("date"), d.Text("kind"), d.Text("name")));
        Assert.Equal([("2026-04-27", "holiday", "Koningsdag")], skipped);
    }

    [Fact]
    public void MajorIncident_ResolutionBreachesOn24x7_AndBothEscalationsFallDue()
    {
        // 24x7 from Sun 01:10Z: 4h20m until on-hold at 05:30Z, so the 4h budget ran out at 05:10Z. Paused on
        // hold 05:30-06:40Z, then 25m until the solve at 07:05Z: 4h45m used, 45m over.
        var result = CliHarness.Run("explain", "--ticket", ExampleTicket("major-incident-network.json"), "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var resolution = Clock(json, "gemeente-voorbeeld", "resolution");
        Assert.Equal(("major-incident", "breached-stopped", "2026-11-15T05:10:00Z", "PT4H45M", "-PT45M"),
            (resolution.Text("policy"), resolution.Text("state"), resolution.Text("breachedAt"), resolution.Text("used"), resolution.Text("left")));
        var checkpoints = resolution.GetProperty("checkpoints").EnumerateArray()
            .Select(c => (c.Text("offset"), c.Text("at"), c.Text("state")));
        Assert.Equal(
        [
            ("75%", "2026-11-15T04:10:00Z", "due"),
            ("+0", "2026-11-15T05:10:00Z", "due"),
            ("+1h wall", "2026-11-15T06:10:00Z", "due"),
        ], checkpoints);
        Assert.Contains(resolution.GetProperty("segments").EnumerateArray(),
            s => s.Text("kind") == "paused" && s.Text("status") == "Wacht op leverancier" && s.Text("from") == "2026-11-15T05:30:00Z");

        // Hourly updates, each within the hour (cycle 2 paused while waiting for the customer).
        var updates = json.RootElement.GetProperty("clocks").EnumerateArray()
            .Where(c => c.Text("metric") == "periodicUpdate").Select(c => (c.Text("state"), c.Text("used"))).ToList();
        Assert.Equal([("met", "PT50M"), ("met", "PT50M"), ("met", "PT55M"), ("met", "PT55M"), ("met", "PT25M")], updates);

        // The OLA counts in office hours: a Sunday night stint uses none.
        Assert.Equal(("met", "PT0S"), (Clock(json, "ola-second-line", "resolution").Text("state"), Clock(json, "ola-second-line", "resolution").Text("used")));
    }
}
