using CsCheck;
using NodaTime;
using SlaTimers.Core.Text;

namespace SlaTimers.Core.Tests.Text;

public class DurationTextTests
{
    [Theory]
    [InlineData("PT4H30M", 270)]
    [InlineData("pt4h30m", 270)]
    [InlineData("P1DT2H", 26 * 60)] // a day is 24 hours
    [InlineData("PT90M", 90)]
    [InlineData("P1W", 7 * 24 * 60)]
    [InlineData("PT0S", 0)]
    public void ISO_8601_durations_parse(string text, int minutes)
    {
        Assert.Equal(Duration.FromMinutes(minutes), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("4h30m", 270 * 60)]
    [InlineData("90m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("4H30M", 270 * 60)]
    [InlineData("1h30m15s", 5415)]
    [InlineData(" 2h ", 7200)]
    [InlineData("0m", 0)]
    public void Short_forms_parse(string text, int seconds)
    {
        Assert.Equal(Duration.FromSeconds(seconds), DurationText.Parse(text));
    }

    [Fact]
    public void Short_form_with_a_space_between_parts_parses_as_documented()
    {
        // The type's documentation lists "1h 15m" as accepted.
        Assert.True(DurationText.TryParse("1h 15m", out var duration));
        Assert.Equal(Duration.FromMinutes(75), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("4x")]
    [InlineData("h")]
    [InlineData("4.5h")]
    [InlineData("-1h")]
    [InlineData("P1M")] // months have no fixed length
    [InlineData("P1Y")]
    [InlineData("PT-1H")]
    [InlineData("four hours")]
    [InlineData("10000001h")]
    public void Bad_input_is_rejected_with_a_message_that_says_what_is_accepted(string? text)
    {
        Assert.False(DurationText.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => DurationText.Parse(text));
        Assert.Contains(DurationText.Expected, error.Message);
    }

    [Theory]
    [InlineData(270 * 60, "4h30m")]
    [InlineData(90 * 3600, "90h")]
    [InlineData(90, "1m30s")]
    [InlineData(45, "45s")]
    [InlineData(0, "0m")]
    [InlineData(-5400, "-1h30m")]
    public void Format_is_compact(int seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(Duration.FromSeconds(seconds)));
    }

    [Fact]
    public void Formatted_whole_second_durations_parse_back_to_themselves()
    {
        Gen.Long[0, 1_000_000_000].Sample(seconds =>
        {
            var duration = Duration.FromSeconds(seconds);
            Assert.Equal(duration, DurationText.Parse(DurationText.Format(duration)));
        }, iter: 2_000);
    }
}
