using System.Text.Json;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli.Explain;

/// <summary>Finds things in what <c>slatimers explain</c> printed: one clock's block of text, or one clock's JSON.</summary>
internal static class ExplainOutput
{
    public static string TestTicket(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "SlaTimers.Worker.Tests", "Cli", "Explain", "Tickets", name);

    public static string ExampleTicket(string name) => Path.Combine(TestPaths.RealConfig, "examples", "tickets", name);

    /// <summary>The lines from <c>Clock KEY</c> up to the next clock (trimmed, as <see cref="CliResult.OutLines"/>).</summary>
    public static string[] ClockLines(CliResult result, string key)
    {
        var lines = result.OutLines;
        var start = Array.IndexOf(lines, $"Clock {key}");
        Assert.True(start >= 0, $"no clock {key} in:\n{result}");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("Clock ", StringComparison.Ordinal));
        return lines[start..(end < 0 ? lines.Length : end)];
    }

    /// <summary>The table row that starts with <paramref name="firstCell"/>, its cells trimmed and joined by " | ".</summary>
    public static string Row(string[] lines, string firstCell) =>
        lines.Select(l => string.Join(" | ", l.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .FirstOrDefault(l => l.StartsWith(firstCell + " |", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no row starting with '{firstCell}' in:\n{string.Join('\n', lines)}");

    /// <summary>The clock of <paramref name="agreement"/>, <paramref name="metric"/> and <paramref name="cycle"/> in the JSON output.</summary>
    public static JsonElement Clock(JsonDocument json, string agreement, string metric, int cycle = 1) =>
        json.RootElement.GetProperty("clocks").EnumerateArray().Single(c =>
            c.GetProperty("agreement").GetString() == agreement
            && c.GetProperty("metric").GetString() == metric
            && c.GetProperty("cycle").GetInt32() == cycle);

    public static string? Text(this JsonElement element, string property) => element.GetProperty(property).GetString();
}
