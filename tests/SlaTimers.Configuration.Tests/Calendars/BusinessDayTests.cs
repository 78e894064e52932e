using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary><c>businessDay</c>: how long "1d" in a budget is on a calendar.</summary>
public class BusinessDayTests
{
    private const string File = "calendars/desk.json";

    private static ConfigLoadResult Load(string businessDay)
    {
        var json = CalendarJson.Make().Replace("\"timeZone\"", $"\"businessDay\": {businessDay}, \"timeZone\"", StringComparison.Ordinal);
        using var folder = new TempConfigFolder().Calendar("desk.json", json);
        return folder.Load();
    }

    [Theory]
    [InlineData("8h", 8 * 60)]
    [InlineData("7h30m", 7 * 60 + 30)]
    [InlineData("PT24H", 24 * 60)]
    public void Business_day_sets_the_length_of_a_day_in_budgets(string text, int minutes)
    {
        var definition = Load($"\"{text}\"").GetOrThrow().Calendars.Get("test").Definition;

        Assert.Equal(Duration.FromMinutes(minutes), definition.BusinessDayLength);
        Assert.Equal(Duration.FromMinutes(minutes), definition.EffectiveBusinessDayLength);
    }

    [Fact]
    public void Without_business_day_a_day_is_the_typical_day_of_the_weekly_hours()
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", CalendarJson.Make());

        var definition = folder.Load().GetOrThrow().Calendars.Get("test").Definition;

        Assert.Null(definition.BusinessDayLength);
        Assert.Equal(Duration.FromHours(8), definition.EffectiveBusinessDayLength);
    }

    [Theory]
    [InlineData("\"8 hours\"", "'8 hours' is not a duration", "\"8h\"")]
    [InlineData("\"1d\"", "'1d' is not a duration", "4h30m")]
    [InlineData("8", "found the number 8", "\"8h\"")]
    public void Bad_business_day_says_what_a_duration_looks_like(string value, string message, string hint)
    {
        ProblemAssert.Single(Load(value), File, "$.businessDay", message, hint);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("PT0S")]
    [InlineData("25h")]
    public void Business_day_of_no_time_or_more_than_a_day_is_refused(string text)
    {
        ProblemAssert.Single(Load($"\"{text}\""), File, "$.businessDay", $"'{text}' cannot be a business day", "more than 0 and at most 24h");
    }

    [Fact]
    public void Built_in_24x7_has_a_business_day_of_24_hours()
    {
        Assert.Equal(Duration.FromHours(24), BusinessCalendarDefinition.AlwaysOpen.EffectiveBusinessDayLength);
    }
}
