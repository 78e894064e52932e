using NodaTime;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Tests.Agreements;

/// <summary>Targets: the calendar reference, budgets per priority (in business days too), pause statuses, reopen.</summary>
public class TargetTests
{
    private const string File = AgreementJson.File;
    private const string Path = AgreementJson.FirstResponse;

    /// <summary>
    /// The calendar <c>desk</c> is open 09:00–17:00 on Monday and Tuesday (a business day of 8h); <c>short-desk</c>
    /// configures its business day as 7h30m.
    /// </summary>
    private static ConfigLoadResult Load(string agreement)
    {
        using var folder = new TempConfigFolder()
            .Calendar("desk.json", CalendarJson.Make(id: "desk"))
            .Calendar("short-desk.json", CalendarJson.Make(id: "short-desk").Replace("\"timeZone\"", "\"businessDay\": \"7h30m\", \"timeZone\"", StringComparison.Ordinal))
            .Agreement(AgreementJson.FileName, agreement);
        return folder.Load();
    }

    private static Target LoadTarget(string agreement) =>
        Assert.Single(Assert.Single(Assert.Single(Load(agreement).GetOrThrow().Agreements).Policies).Targets);

    [Fact]
    public void Target_maps_metric_calendar_budgets_pauses_and_reopen()
    {
        var target = LoadTarget(AgreementJson.WithTargets($$"""
            { "resolution": { "calendar": "desk", "budget": { "P1": "4h", "P2": "2d4h" },
                              "pauseOn": ["pending", "on-hold", "Wacht op leverancier"], "onReopen": "restart" } }
            """));

        Assert.Equal(Metric.Resolution, target.Metric);
        Assert.Equal("desk", target.CalendarId);
        Assert.Equal(Duration.FromHours(4), target.Budgets["P1"]);
        Assert.Equal(Duration.FromHours(2 * 8 + 4), target.Budgets["P2"]);
        Assert.Equal<string>(["pending", "on-hold", "Wacht op leverancier"], target.PauseStatuses);
        Assert.Equal(ReopenBehaviour.Restart, target.OnReopen);
        Assert.Empty(target.Checkpoints);
    }

    [Fact]
    public void Reopen_resumes_and_nothing_pauses_unless_configured()
    {
        var target = LoadTarget(AgreementJson.WithTarget());

        Assert.Equal(ReopenBehaviour.Resume, target.OnReopen);
        Assert.Empty(target.PauseStatuses);
    }

    [Theory]
    [InlineData("1h", 60)]
    [InlineData("90m", 90)]
    [InlineData("PT4H", 240)]
    [InlineData("1h 15m", 75)]
    [InlineData("1d", 8 * 60)]
    [InlineData("2d4h", 20 * 60)]
    [InlineData("2d 30m", 16 * 60 + 30)]
    public void Budget_in_hours_minutes_ISO_or_business_days(string text, int minutes)
    {
        var target = LoadTarget(AgreementJson.WithTarget(calendar: "desk", budget: $$"""{ "default": "{{text}}" }"""));

        Assert.Equal(Duration.FromMinutes(minutes), target.Budgets[Target.DefaultBudgetKey]);
    }

    [Fact]
    public void Business_day_is_the_calendars_configured_business_day()
    {
        var target = LoadTarget(AgreementJson.WithTarget(calendar: "short-desk", budget: """{ "default": "2d" }"""));

        Assert.Equal(Duration.FromMinutes(15 * 60), target.Budgets[Target.DefaultBudgetKey]);
    }

    [Fact]
    public void Business_day_on_24x7_is_24_hours()
    {
        var target = LoadTarget(AgreementJson.WithTarget(calendar: "24x7", budget: """{ "default": "1d" }"""));

        Assert.Equal(Duration.FromHours(24), target.Budgets[Target.DefaultBudgetKey]);
    }

    [Fact]
    public void Budget_lookup_ignores_the_case_of_the_priority_and_falls_back_to_default()
    {
        var target = LoadTarget(AgreementJson.WithTarget(budget: """{ "P1": "1h", "default": "8h" }"""));

        Assert.True(target.TryGetBudget("p1", out var p1));
        Assert.Equal(Duration.FromHours(1), p1);
        Assert.True(target.TryGetBudget("P2", out var p2));
        Assert.Equal(Duration.FromHours(8), p2);
    }

    [Fact]
    public void Unknown_calendar_reference_lists_the_known_calendars()
    {
        var result = Load(AgreementJson.WithTarget(calendar: "nl-servicedesk"));

        ProblemAssert.Single(result, File, $"{Path}.calendar", "unknown calendar 'nl-servicedesk'", "known calendars: 24x7, desk, short-desk");
    }

    [Theory]
    [InlineData("Desk", "did you mean 'desk'?")]
    [InlineData("24/7", "did you mean '24x7'?")]
    public void Unknown_calendar_reference_suggests_the_right_id(string reference, string hint)
    {
        var result = Load(AgreementJson.WithTarget(calendar: reference));

        ProblemAssert.Single(result, File, $"{Path}.calendar", $"unknown calendar '{reference}' ({hint})");
    }

    [Fact]
    public void Reference_to_a_calendar_with_problems_is_not_reported_again()
    {
        using var folder = new TempConfigFolder()
            .Calendar("desk.json", CalendarJson.Make(id: "desk", timeZone: "\"Mars/Olympus\""))
            .Agreement(AgreementJson.FileName, AgreementJson.WithTarget(calendar: "desk", budget: """{ "default": "1d" }"""));

        var result = folder.Load();

        ProblemAssert.Single(result, "calendars/desk.json", "$.timeZone", "unknown time zone 'Mars/Olympus'");
    }

    [Fact]
    public void Budget_missing_for_a_priority_the_policy_can_match_is_refused()
    {
        var result = Load(AgreementJson.WithTarget(budget: """{ "P1": "1h", "P2": "4h" }""", priorities: """["P1", "P2", "P3"]"""));

        ProblemAssert.Single(result, File, $"{Path}.budget", "budget missing for priority P3",
            "this policy can match tickets of priority P1, P2, P3", "\"P3\": \"4h\"", "\"default\"");
    }

    [Fact]
    public void Budgets_missing_for_several_priorities_are_named_in_one_problem()
    {
        var result = Load(AgreementJson.WithTarget(budget: """{ "P1": "1h" }""", priorities: """["P1", "P2", "P3"]"""));

        ProblemAssert.Single(result, File, $"{Path}.budget", "budget missing for priorities P2, P3");
    }

    [Fact]
    public void Default_budget_covers_the_priorities_without_their_own()
    {
        var target = LoadTarget(AgreementJson.WithTarget(budget: """{ "P1": "1h", "default": "1d" }""", priorities: """["P1", "P2", "P3"]"""));

        Assert.Equal(2, target.Budgets.Count);
    }

    [Fact]
    public void Policy_limited_to_some_priorities_needs_budgets_for_those_only()
    {
        var policy = AgreementJson.Policy(when: """{ "priority": "P1" }""",
            targets: $$"""{ "firstResponse": {{AgreementJson.Target(budget: """{ "P1": "15m" }""")}} }""");

        var agreement = Assert.Single(Load(AgreementJson.Make(priorities: """["P1", "P2"]""", policies: $"[{policy}]")).GetOrThrow().Agreements);

        Assert.Equal<string>(["P1"], agreement.Policies[0].Targets[0].Budgets.Keys);
    }

    [Fact]
    public void Policy_excluding_priorities_needs_budgets_for_the_rest()
    {
        var policy = AgreementJson.Policy(when: """{ "priority": { "notIn": ["P1"] } }""",
            targets: $$"""{ "firstResponse": {{AgreementJson.Target(budget: """{ "P2": "4h" }""")}} }""");

        var result = Load(AgreementJson.Make(priorities: """["P1", "P2", "P3"]""", policies: $"[{policy}]"));

        ProblemAssert.Single(result, File, $"{Path}.budget", "budget missing for priority P3", "can match tickets of priority P2, P3");
    }

    [Theory]
    [InlineData("4 hours", "'4 hours' is not a budget")]
    [InlineData("1.5h", "'1.5h' is not a budget")]
    [InlineData("d", "'d' is not a budget")]
    [InlineData("", "'' is not a budget")]
    [InlineData("1dPT4H", "'1dPT4H' is not a budget")]
    public void Bad_budget_text_says_what_a_budget_looks_like(string text, string message)
    {
        var result = Load(AgreementJson.WithTarget(calendar: "desk", budget: $$"""{ "default": "{{text}}" }"""));

        ProblemAssert.Single(result, File, $"{Path}.budget.default", message,
            "expected a duration like \"4h\", \"90m\" or \"PT4H\", or business days like \"1d\" or \"2d4h\"", "a business day of 'desk' is 8h");
    }

    [Fact]
    public void Budget_with_ISO_days_is_refused_because_they_are_24_hours_not_business_days()
    {
        var result = Load(AgreementJson.WithTarget(calendar: "desk", budget: """{ "default": "P1D" }"""));

        ProblemAssert.Single(result, File, $"{Path}.budget.default", "'P1D' has days in ISO form, which count 24 hours each", "\"1d\"", "\"PT24H\"");
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("PT0S")]
    [InlineData("0d")]
    public void Budget_of_no_time_is_refused(string text)
    {
        var result = Load(AgreementJson.WithTarget(budget: $$"""{ "default": "{{text}}" }"""));

        ProblemAssert.Single(result, File, $"{Path}.budget.default", $"'{text}' is no time at all: a budget must be more than 0");
    }

    [Fact]
    public void Budget_given_as_a_number_is_refused()
    {
        var result = Load(AgreementJson.WithTarget(budget: """{ "default": 60 }"""));

        ProblemAssert.Single(result, File, $"{Path}.budget.default", "found the number 60");
    }

    [Fact]
    public void Budget_for_an_unknown_priority_is_refused()
    {
        var result = Load(AgreementJson.WithTarget(budget: """{ "P1": "1h", "P2": "4h", "Urgent": "15m" }"""));

        ProblemAssert.Single(result, File, $"{Path}.budget.Urgent", "unknown priority 'Urgent'", "P1, P2, or \"default\"");
    }

    [Fact]
    public void Budget_in_days_on_a_calendar_without_a_typical_day_is_refused()
    {
        using var folder = new TempConfigFolder()
            .Calendar("once.json", CalendarJson.Make(id: "once", week: "{}", overrides: """[{ "date": "2026-12-24", "hours": ["09:00-13:00"] }]"""))
            .Agreement(AgreementJson.FileName, AgreementJson.WithTarget(calendar: "once", budget: """{ "default": "1d" }"""));

        ProblemAssert.Single(folder.Load(), File, $"{Path}.budget.default", "the calendar 'once' has no typical business day", "\"businessDay\"");
    }

    [Theory]
    [InlineData("continue", "'continue' is not a reopen behaviour", "\"resume\"")]
    [InlineData("restat", "did you mean 'restart'?", "\"restart\"")]
    public void Bad_onReopen_is_refused(string value, string message, string hint)
    {
        var result = Load(AgreementJson.WithTargets($$"""{ "resolution": {{AgreementJson.Target(extra: $", \"onReopen\": \"{value}\"")}} }"""));

        ProblemAssert.Single(result, File, "$.policies[0].targets.resolution.onReopen", message, hint);
    }

    [Fact]
    public void OnReopen_on_a_target_other_than_resolution_is_refused_because_it_would_do_nothing()
    {
        var result = Load(AgreementJson.WithTarget(extra: ", \"onReopen\": \"restart\""));

        ProblemAssert.Single(result, File, $"{Path}.onReopen", "'onReopen' applies only to 'resolution'", "remove it from 'firstResponse'");
    }

    [Fact]
    public void Empty_pause_status_is_refused()
    {
        var result = Load(AgreementJson.WithTarget(extra: ", \"pauseOn\": [\"pending\", \"\"]"));

        ProblemAssert.Single(result, File, $"{Path}.pauseOn[1]", "the entry is empty");
    }

    [Fact]
    public void Missing_calendar_and_budget_are_both_reported()
    {
        var result = Load(AgreementJson.WithTargets("""{ "firstResponse": { } }"""));

        Assert.Equal([$"{Path}.calendar", $"{Path}.budget"], result.Problems.Select(p => p.JsonPath));
    }
}
