using System.Text.Json;
using SlaTimers.Core.Calendars;
using SlaTimers.Worker.Cli.Batch;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli.Batch;

public class DeadlineBatchTests
{
    [Fact]
    public void Batch_WithMixedLines_AnswersEachInOrderAndNeverStops()
    {
        // Deadlines as in DeadlineCommandTests: nl-servicedesk Christmas Eve 16:30Z + 2h -> 2026-12-31T10:00:00Z;
        // 24x7 -> start + duration. Elapsed: a whole ordinary Monday of nl-servicedesk is 8h30m = 30600 s.
        string[] input =
        [
            """{"id":1,"calendar":"nl-servicedesk","start":"2026-12-24T16:30:00Z","duration":"PT2H"}""",
            """{"id":"b-2","calendar":"nl-servicedesk","from":"2026-11-23T07:30:00Z","to":"2026-11-23T16:30:00Z"}""",
            """this is not json""",
            """{"id":4,"calendar":"nope","start":"2026-12-24T16:30:00Z","duration":"PT2H"}""",
            """{"id":5,"calendar":"24x7","start":"yesterday","duration":"PT2H"}""",
            """{"id":6,"calendar":"24x7","start":"2026-12-24T16:30:00Z","duration":"soon"}""",
            """{"id":7,"calendar":"24x7","start":"2026-12-24T16:30:00Z"}""",
            """{"calendar":"24x7","start":"2026-12-24T17:30:00+01:00","duration":"90m"}""",
            "",
            """{"id":9,"calendar":"24x7","from":"2026-12-24T16:30:00Z","to":"2026-12-24T15:30:00Z"}""",
            """{"id":10,"calendar":""",
        ];

        var result = CliHarness.RunWithInput(string.Join("\n", input), "deadline", "--batch", "--config", TestPaths.RealConfig);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.OutLines;
        Assert.Equal(10, lines.Length); // the blank line is not a request
        Assert.Equal("""{"id":1,"deadline":"2026-12-31T10:00:00Z"}""", lines[0]);
        Assert.Equal("""{"id":"b-2","elapsedSeconds":30600}""", lines[1]);
        AssertError(lines[2], "null", "malformed JSON");
        AssertError(lines[3], "4", "unknown calendar 'nope': expected one of 24x7, ");
        AssertError(lines[4], "5", "'start' is not an instant: 'yesterday'");
        AssertError(lines[5], "6", "'duration' is not a duration: 'soon'");
        AssertError(lines[6], "7", "missing 'duration'");
        Assert.Equal("""{"id":null,"deadline":"2026-12-24T18:00:00Z"}""", lines[7]);
        AssertError(lines[8], "9", "'to' (2026-12-24T15:30:00Z) is before 'from' (2026-12-24T16:30:00Z)");
        AssertError(lines[9], "10", "malformed JSON"); // the id came before the JSON broke off
        Assert.Empty(result.Error);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("-1.5e3")]
    [InlineData("\"ZD-4821\"")]
    [InlineData("\"caf\\u00e9 \\\"quoted\\\"\"")]
    [InlineData("{\"ticket\":7,\"cycle\":[1,2]}")]
    [InlineData("null")]
    public void Batch_EchoesTheIdExactlyAsGiven(string id)
    {
        var output = RunBuiltIn($$"""{"id":{{id}},"calendar":"24x7","start":"2026-01-01T00:00:00Z","duration":"PT1H"}""");

        Assert.Equal($$"""{"id":{{id}},"deadline":"2026-01-01T01:00:00Z"}""", output.Single());
    }

    [Theory]
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""{"id":1,"calendar":"24x7","start":"2026-01-01T00:00:00Z","duration":"PT1H"} {"id":2}""", "malformed JSON")]
    [InlineData("""{"id":1,"calendar":24,"start":"2026-01-01T00:00:00Z","duration":"PT1H"}""", "'calendar' must be a string, not number")]
    [InlineData("""{"id":1,"calendar":"24x7"}""", "missing 'start' and 'duration' (a deadline) or 'from' and 'to' (elapsed time)")]
    [InlineData("""{"id":1,"calendar":"24x7","start":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z"}""", "not both")]
    [InlineData("""{"id":1,"start":"2026-01-01T00:00:00Z","duration":"PT1H"}""", "missing 'calendar'")]
    [InlineData("""{"id":1,"calendar":"24x7","from":"2026-01-01T00:00:00Z"}""", "missing 'to'")]
    public void Batch_BadRequest_GetsAnErrorThatSaysWhy(string line, string expectedError)
    {
        var output = RunBuiltIn(line).Single();

        using var json = JsonDocument.Parse(output);
        Assert.Contains(expectedError, json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Batch_IgnoresUnknownPropertiesAndAcceptsShortDurations()
    {
        var output = RunBuiltIn("""{"note":{"a":[1,{"b":2}]},"id":1,"calendar":"24x7","start":"2026-01-01T00:00Z","duration":"1h30m","x":true}""");

        Assert.Equal("""{"id":1,"deadline":"2026-01-01T01:30:00Z"}""", output.Single());
    }

    [Fact]
    public void Batch_ElapsedWithFractionalSeconds_KeepsTheFraction()
    {
        var output = RunBuiltIn("""{"id":1,"calendar":"24x7","from":"2026-01-01T00:00:00Z","to":"2026-01-01T00:00:01.5Z"}""");

        Assert.Equal("""{"id":1,"elapsedSeconds":1.5}""", output.Single());
    }

    [Fact]
    public void Batch_ManyLines_KeepTheirOrderAcrossOutputChunks()
    {
        // Enough lines to flush the output buffer several times.
        var input = string.Join("\n", Enumerable.Range(0, 5000).Select(i =>
            $$"""{"id":{{i}},"calendar":"24x7","start":"2026-01-01T00:00:00Z","duration":"PT{{i}}M"}"""));

        var output = RunBuiltIn(input);

        Assert.Equal(5000, output.Length);
        for (var i = 0; i < output.Length; i += 997)
        {
            using var json = JsonDocument.Parse(output[i]);
            Assert.Equal(i, json.RootElement.GetProperty("id").GetInt32());
            var expected = NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0) + NodaTime.Duration.FromMinutes(i);
            Assert.Equal(NodaTime.Text.InstantPattern.ExtendedIso.Format(expected), json.RootElement.GetProperty("deadline").GetString());
        }
    }

    private static string[] RunBuiltIn(string input)
    {
        var output = new StringWriter();
        new DeadlineBatch(BusinessCalendarCatalog.BuiltInOnly).Run(new StringReader(input), output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void AssertError(string line, string expectedRawId, string expectedError)
    {
        using var json = JsonDocument.Parse(line);
        Assert.Equal(expectedRawId, json.RootElement.GetProperty("id").GetRawText());
        Assert.Contains(expectedError, json.RootElement.GetProperty("error").GetString());
        Assert.Equal(["id", "error"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
