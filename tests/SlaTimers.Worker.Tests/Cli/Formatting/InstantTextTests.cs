using NodaTime;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Tests.Cli.Formatting;

public class InstantTextTests
{
    [Theory]
    [InlineData("2026-12-24T16:30:00Z")]
    [InlineData("2026-12-24T16:30Z")]
    [InlineData("2026-12-24T17:30:00+01:00")]
    [InlineData("2026-12-24T17:30+01:00")]
    [InlineData("2026-12-24T11:30:00-05:00")]
    [InlineData(" 2026-12-24T16:30:00.000Z ")]
    public void TryParse_AcceptsZOrAnOffset(string text)
    {
        Assert.True(InstantText.TryParse(text, out var instant));
        Assert.Equal(Instant.FromUtc(2026, 12, 24, 16, 30), instant);
    }

    [Fact]
    public void TryParse_KeepsFractionsOfSeconds()
    {
        Assert.True(InstantText.TryParse("2026-12-24T16:30:00.25Z", out var instant));
        Assert.Equal(Instant.FromUtc(2026, 12, 24, 16, 30) + Duration.FromMilliseconds(250), instant);
    }

    [Theory]
    [InlineData("2026-12-24T16:30:00")] // local time: which zone?
    [InlineData("2026-12-24")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("24/12/2026 16:30")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RejectsAnythingWithoutAnUnambiguousMoment(string? text) =>
        Assert.False(InstantText.TryParse(text, out _));
}
