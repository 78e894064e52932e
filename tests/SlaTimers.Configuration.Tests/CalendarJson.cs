namespace SlaTimers.Configuration.Tests;

/// <summary>
/// A valid calendar file in which a test replaces the one part it is about, so each test shows only
/// what it breaks.
/// </summary>
internal static class CalendarJson
{
    public const string NineToFive = """{ "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"] }""";

    public static string Make(
        string id = "test",
        string timeZone = "\"Europe/Amsterdam\"",
        string week = NineToFive,
        string holidays = "[]",
        string overrides = "[]") =>
        $$"""
        {
          "id": "{{id}}",
          "name": "Test desk",
          "timeZone": {{timeZone}},
          "week": {{week}},
          "holidays": {{holidays}},
          "overrides": {{overrides}}
        }
        """;

    /// <summary>A calendar whose <c>week</c> has only Monday with these intervals (JSON strings, quotes included).</summary>
    public static string Monday(params string[] intervals) => Make(week: $$"""{ "monday": [{{string.Join(", ", intervals)}}] }""");
}
