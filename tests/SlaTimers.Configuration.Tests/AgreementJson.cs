namespace SlaTimers.Configuration.Tests;

/// <summary>
/// A valid agreement file (external, priorities P1 and P2, one catch-all policy with a first-response target on
/// <c>24x7</c>) in which a test replaces the one part it is about, so each test shows only what it breaks.
/// </summary>
internal static class AgreementJson
{
    public const string FileName = "test.json";
    public const string File = "agreements/test.json";

    /// <summary>The JSON path of the default policy's first-response target.</summary>
    public const string FirstResponse = "$.policies[0].targets.firstResponse";

    public const string Budget = """{ "P1": "1h", "P2": "4h" }""";
    public const string Checkpoints = """[{ "at": "75%", "notify": ["assignee"] }]""";

    /// <param name="top">Extra top-level properties, each followed by a comma: <c>"group": "Second line",</c>.</param>
    public static string Make(
        string id = "test",
        string kind = "external",
        string top = "",
        string priorities = """["P1", "P2"]""",
        string? policies = null) =>
        $$"""
        {
          "id": "{{id}}",
          "name": "Test agreement",
          "kind": "{{kind}}",
          {{top}}
          "priorities": {{priorities}},
          "policies": {{policies ?? $"[{Policy()}]"}}
        }
        """;

    /// <summary>An agreement whose only policy has these targets (a JSON object keyed by metric).</summary>
    public static string WithTargets(string targets, string priorities = """["P1", "P2"]""") =>
        Make(priorities: priorities, policies: $"[{Policy(targets: targets)}]");

    /// <summary>An agreement whose only policy has a first-response target with these parts.</summary>
    public static string WithTarget(
        string calendar = "24x7", string budget = Budget, string checkpoints = Checkpoints, string extra = "", string priorities = """["P1", "P2"]""") =>
        WithTargets($$"""{ "firstResponse": {{Target(calendar, budget, checkpoints, extra)}} }""", priorities);

    /// <summary>An agreement whose only policy has a first-response target with these checkpoints.</summary>
    public static string WithCheckpoints(string checkpoints) => WithTarget(checkpoints: checkpoints);

    /// <summary>An agreement whose only policy has a first-response target with one checkpoint.</summary>
    public static string WithCheckpoint(string at, string notify = """["assignee"]""") =>
        WithCheckpoints($$"""[{ "at": "{{at}}", "notify": {{notify}} }]""");

    public static string Policy(string id = "standard", string when = "{}", string? targets = null) =>
        $$"""{ "id": "{{id}}", "name": "Policy {{id}}", "when": {{when}}, "targets": {{targets ?? $$"""{ "firstResponse": {{Target()}} }"""}} }""";

    /// <param name="extra">Extra target properties, each preceded by a comma: <c>, "onReopen": "resume"</c>.</param>
    public static string Target(string calendar = "24x7", string budget = Budget, string checkpoints = Checkpoints, string extra = "") =>
        $$"""{ "calendar": "{{calendar}}", "budget": {{budget}}, "checkpoints": {{checkpoints}}{{extra}} }""";
}
