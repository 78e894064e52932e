using System.Text.Json;
using SlaTimers.Worker.Tests.Support;
using static SlaTimers.Worker.Tests.Cli.Explain.ExplainOutput;

namespace SlaTimers.Worker.Tests.Cli.Explain;

/// <summary>
/// <c>slatimers explain</c> on Tickets/paused-then-raised.json against the real config (gemeente-voorbeeld,
/// policy "standard", calendar nl-servicedesk: Mon-Thu 08:30-12:30 and 13:00-17:30 = 8h30m a day, Fri
/// 08:30-12:30 and 13:00-16:00; CET = UTC+1 in November; no holidays in the week of 23 November 2026).
/// "1d" budgets are a business day of nl-servicedesk, 8h30m: P4 resolution 10d = 85h, P3 resolution 3d = 25h30m.
/// The harness clock stands at Thu 2026-11-26 12:00Z = 13:00 CET.
/// </summary>
public class ExplainCommandTests
{
    private static readonly string Config = TestPaths.RealConfig;
    private static readonly string Ticket = TestTicket("paused-then-raised.json");

    // Resolution, worked out by hand:
    //   Mon 09:00-10:00 running (P4)                         1h
    //   Mon 10:00 - Tue 13:00 paused (Waiting for customer)   -
    //   Tue 13:00-15:00 running (P4)                         2h    -> 3h when P3 cuts the budget 85h -> 25h30m
    //   Tue 15:00-17:30                                      2h30m
    //   Wed 08:30-12:30, 13:00-17:30                         8h30m
    //   Thu 08:30-12:30, 13:00 (now)                         4h    -> used 18h, left 7h30m
    // Deadline: Thu 13:00-17:30 takes 4h30m, 3h remain -> Fri 08:30 + 3h = Fri 11:30 CET = 10:30Z.

    [Fact]
    public void Explain_PausedThenRaisedTicket_ShowsUsedLeftAndDeadlineOfTheResolutionClock()
    {
        var result = CliHarness.Run("explain", "--ticket", Ticket, "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Error);
        Assert.Contains("Ticket    ZD-5100 · New laptop for the archive", result.OutLines);
        Assert.Contains("Now       2026-11-26T12:00:00Z", result.OutLines);
        Assert.Contains("Status    open (Open)", result.OutLines);

        var clock = ClockLines(result, "gemeente-voorbeeld/resolution/1");
        Assert.Contains("State      running", clock);
        Assert.Contains("Used       18h of 25h30m (priority P3) · 7h30m left", clock);
        Assert.Contains("Deadline   2026-11-27T10:30:00Z · Fri 2026-11-27 11:30:00 +01:00 CET", clock);
        Assert.Contains("Started    2026-11-23T08:00:00Z · Mon 2026-11-23 09:00:00 +01:00 CET", clock);
        Assert.DoesNotContain(clock, l => l.StartsWith("Stopped", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_PausedThenRaisedTicket_ListsSegmentsNotesAndCheckpoints()
    {
        var result = CliHarness.Run("explain", "--ticket", Ticket, "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        var clock = ClockLines(result, "gemeente-voorbeeld/resolution/1");
        Assert.Equal("Mon 2026-11-23 09:00 → 10:00 | running (new) | standard / P4 / 85h | 1h", Row(clock, "Mon 2026-11-23 09:00 → 10:00"));
        Assert.Equal("Mon 2026-11-23 10:00 → Tue 2026-11-24 13:00 | paused (Waiting for customer) | standard / P4 / 85h | —",
            Row(clock, "Mon 2026-11-23 10:00 → Tue 2026-11-24 13:00"));
        Assert.Equal("Tue 2026-11-24 13:00 → 15:00 | running (Open) | standard / P4 / 85h | 2h", Row(clock, "Tue 2026-11-24 13:00 → 15:00"));
        // 2h30m + 8h30m + 4h, counted under the P3 budget.
        Assert.Equal("Tue 2026-11-24 15:00 → Thu 2026-11-26 13:00 | running (Open) | standard / P3 / 25h30m | 15h",
            Row(clock, "Tue 2026-11-24 15:00 → Thu 2026-11-26 13:00"));
        Assert.Equal("Total | 18h", Row(clock, "Total"));

        Assert.Equal("Tue 2026-11-24 15:00 | priority P4 → P3", Row(clock, "Tue 2026-11-24 15:00"));
        Assert.Contains(clock, l => l.Contains("budget 85h → 25h30m; 3h already used is kept", StringComparison.Ordinal));

        // 50% of 25h30m = 12h45m: 3h used at Tue 15:00, 9h45m more = Tue 2h30m + Wed 4h + 3h15m -> Wed 16:15.
        Assert.Equal("warning 50% | Wed 2026-11-25 16:15 | due | assignee", Row(clock, "warning 50%"));
        // 90% = 22h57m: 4h57m after now = Thu 4h30m + Fri 27m -> Fri 08:57.
        Assert.Equal("warning 90% | Fri 2026-11-27 08:57 | upcoming | assignee, group-lead", Row(clock, "warning 90%"));
        Assert.Equal("escalation 1 (+0) | Fri 2026-11-27 11:30 | upcoming | group-lead", Row(clock, "escalation 1 (+0)"));
        // +4h = 11h30m after now: Thu 4h30m, Fri 08:30-12:30 4h and 13:00-16:00 3h used up exactly at the
        // Friday closing, so the checkpoint lands on the next opening, Mon 08:30.
        Assert.Equal("escalation 2 (+4h) | Mon 2026-11-30 08:30 | upcoming | manager", Row(clock, "escalation 2 (+4h)"));
    }

    [Fact]
    public void Explain_Json_HasTheStableShapeAndTheHandComputedNumbers()
    {
        var result = CliHarness.Run("explain", "--ticket", Ticket, "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(["ticket", "now", "clocks"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-26T12:00:00Z", root.Text("now"));
        Assert.Equal("ZD-5100", root.GetProperty("ticket").Text("displayId"));
        Assert.Equal("5100", root.GetProperty("ticket").Text("id"));

        var resolution = Clock(json, "gemeente-voorbeeld", "resolution");
        Assert.Equal(
            ["agreement", "agreementName", "kind", "policy", "policyName", "metric", "cycle", "calendar", "priority", "state", "paused",
             "used", "budget", "left", "deadline", "deadlineLocal", "breachedAt", "started", "stopped", "stopReason",
             "checkpoints", "segments", "notes", "skipped"],
            resolution.EnumerateObject().Select(p => p.Name));
        Assert.Equal("external", resolution.Text("kind"));
        Assert.Equal("standard", resolution.Text("policy"));
        Assert.Equal("running", resolution.Text("state"));
        Assert.False(resolution.GetProperty("paused").GetBoolean());
        Assert.Equal("PT18H", resolution.Text("used"));
        Assert.Equal("PT25H30M", resolution.Text("budget"));
        Assert.Equal("PT7H30M", resolution.Text("left"));
        Assert.Equal("2026-11-27T10:30:00Z", resolution.Text("deadline"));
        Assert.Equal("2026-11-27T11:30:00+01:00", resolution.Text("deadlineLocal"));
        Assert.Null(resolution.Text("breachedAt"));
        Assert.Null(resolution.Text("stopped"));

        var checkpoint = resolution.GetProperty("checkpoints")[0];
        Assert.Equal(["at", "kind", "offset", "level", "state", "recipients"], checkpoint.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-25T15:15:00Z", checkpoint.Text("at"));
        Assert.Equal("warning", checkpoint.Text("kind"));
        Assert.Equal("50%", checkpoint.Text("offset"));
        Assert.Equal("due", checkpoint.Text("state"));
        var escalation = resolution.GetProperty("checkpoints")[3];
        Assert.Equal(("escalation", "+4h", 2, "upcoming"),
            (escalation.Text("kind"), escalation.Text("offset"), escalation.GetProperty("level").GetInt32(), escalation.Text("state")));
        Assert.Equal(["manager"], escalation.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));

        var segments = resolution.GetProperty("segments").EnumerateArray()
            .Select(s => (s.Text("from"), s.Text("to"), s.Text("kind"), s.Text("priority"), s.Text("budget"), s.Text("used")))
            .ToList();
        Assert.Equal(
        [
            ("2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", "running", "P4", "PT85H", "PT1H"),
            ("2026-11-23T09:00:00Z", "2026-11-24T12:00:00Z", "paused", "P4", "PT85H", "PT0S"),
            ("2026-11-24T12:00:00Z", "2026-11-24T14:00:00Z", "running", "P4", "PT85H", "PT2H"),
            ("2026-11-24T14:00:00Z", "2026-11-26T12:00:00Z", "running", "P3", "PT25H30M", "PT15H"),
        ], segments);
        Assert.Equal(
            [("2026-11-24T14:00:00Z", "priority P4 → P3"), ("2026-11-24T14:00:00Z", "budget 85h → 25h30m; 3h already used is kept")],
            resolution.GetProperty("notes").EnumerateArray().Select(n => (n.Text("at"), n.Text("text"))));
        Assert.Empty(resolution.GetProperty("skipped").EnumerateArray());

        // First response: Mon 09:00-10:00 = 1h of P4's 1d (8h30m), met at the first reply.
        var firstResponse = Clock(json, "gemeente-voorbeeld", "firstResponse");
        Assert.Equal(("met", "PT1H", "PT8H30M", "first public agent reply"),
            (firstResponse.Text("state"), firstResponse.Text("used"), firstResponse.Text("budget"), firstResponse.Text("stopReason")));
        // Next response: the customer wrote Tue 13:00, the agent answered 13:30; P4's 2d = 17h.
        var nextResponse = Clock(json, "gemeente-voorbeeld", "nextResponse");
        Assert.Equal(("met", "PT30M", "PT17H"), (nextResponse.Text("state"), nextResponse.Text("used"), nextResponse.Text("budget")));
        Assert.Equal(3, root.GetProperty("clocks").GetArrayLength());
    }

    [Fact]
    public void Explain_WithNowWhileWaitingForTheCustomer_IsPausedAndIgnoresLaterEvents()
    {
        // Tue 2026-11-24 10:00Z = 11:00 CET: the ticket waits for the customer since Mon 10:00, after 1h of
        // P4 time. The four events from Tue 12:00Z on have not happened yet.
        var result = CliHarness.Run("explain", "--ticket", Ticket, "--now", "2026-11-24T11:00:00+01:00", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Now       2026-11-24T10:00:00Z", result.OutLines);
        Assert.Contains("Timeline  7 events, 4 after now (not counted)", result.OutLines);
        Assert.Contains("Status    pending (Waiting for customer)", result.OutLines);
        var clock = ClockLines(result, "gemeente-voorbeeld/resolution/1");
        Assert.Contains("State      paused", clock);
        Assert.Contains("Used       1h of 85h (priority P4) · 84h left", clock);
        Assert.Contains("Deadline   none while paused: it depends on when the clock resumes", clock);
        Assert.Equal("warning 50% | — | suspended | assignee", Row(clock, "warning 50%"));
        Assert.DoesNotContain("Clock gemeente-voorbeeld/nextResponse/1", result.OutLines);
    }

    [Fact]
    public void Explain_WithKnownSince_ReportsEarlierCheckpointsAsMissed()
    {
        // The 50% warning lies at Wed 16:15 CET (15:15Z); SlaTimers only saw the ticket at 18:00Z that day,
        // so the warning is reported as missed, never as due.
        using var folder = new TempFolder();
        var ticket = folder.Write("imported.json", File.ReadAllText(Ticket)
            .Replace("\"created\": \"2026-11-23T08:00:00Z\",", "\"created\": \"2026-11-23T08:00:00Z\", \"knownSince\": \"2026-11-25T18:00:00Z\","));

        var result = CliHarness.Run("explain", "--ticket", ticket, "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Known since  2026-11-25T18:00:00Z", result.OutLines);
        Assert.Equal("warning 50% | Wed 2026-11-25 16:15 | missed | assignee", Row(ClockLines(result, "gemeente-voorbeeld/resolution/1"), "warning 50%"));
    }

    [Fact]
    public void Explain_WithNowBeforeTheTicketWasCreated_SaysThereAreNoClocks()
    {
        var result = CliHarness.Run("explain", "--ticket", Ticket, "--now", "2026-11-20T00:00:00Z", "--json", "--config", Config);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Empty(json.RootElement.GetProperty("clocks").EnumerateArray());
        Assert.Equal(7, json.RootElement.GetProperty("ticket").GetProperty("eventsAfterNow").GetInt32());
    }

    [Fact]
    public void Explain_WithoutTicket_SaysWhatToGive()
    {
        var result = CliHarness.Run("explain", "--config", Config);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--ticket is required: --ticket FILE, a JSON file with the ticket and its timeline", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Explain_WithBadNow_SaysWhatAnInstantLooksLike()
    {
        var result = CliHarness.Run("explain", "--ticket", Ticket, "--now", "2026-11-24 10:00", "--config", Config);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--now: '2026-11-24 10:00' is not an instant: expected an ISO-8601 instant with Z or an offset", result.Error);
    }

    [Fact]
    public void Explain_WithBrokenConfig_ReportsTheConfigProblem()
    {
        using var folder = TempFolder.WithBrokenCalendar();

        var result = CliHarness.Run("explain", "--ticket", Ticket, "--config", folder.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("calendars/broken.json: $.timeZone:", result.Error);
        Assert.Empty(result.Out);
    }
}
