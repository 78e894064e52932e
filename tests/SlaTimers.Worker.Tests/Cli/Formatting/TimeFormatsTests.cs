using NodaTime;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Tests.Cli.Formatting;

public class TimeFormatsTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(16_200, "PT4H30M")]
    [InlineData(90 * 3600, "PT90H")]
    [InlineData(90, "PT1M30S")]
    [InlineData(3601, "PT1H1S")]
    public void IsoDuration_UsesHoursNotDays(long seconds, string expected) =>
        Assert.Equal(expected, TimeFormats.IsoDuration(Duration.FromSeconds(seconds)));

    [Fact]
    public void IsoDuration_KeepsFractionsOfSeconds() =>
        Assert.Equal("PT1.5S", TimeFormats.IsoDuration(Duration.FromMilliseconds(1500)));

    [Fact]
    public void TotalSeconds_IsWholeWhenTheDurationIs()
    {
        Assert.Equal("16200", TimeFormats.SecondsText(Duration.FromMinutes(270)));
        Assert.Equal("0.25", TimeFormats.SecondsText(Duration.FromMilliseconds(250)));
    }

    [Fact]
    public void Utc_EndsInZ() =>
        Assert.Equal("2026-12-31T10:00:00Z", TimeFormats.Utc(Instant.FromUtc(2026, 12, 31, 10, 0)));

    [Fact]
    public void LocalWithOffset_WritesHoursAndMinutesOfTheOffset()
    {
        Assert.Equal("2026-12-31T11:00:00+01:00", TimeFormats.LocalWithOffset(Instant.FromUtc(2026, 12, 31, 10, 0), Amsterdam));
        Assert.Equal("2026-07-01T12:00:00+02:00", TimeFormats.LocalWithOffset(Instant.FromUtc(2026, 7, 1, 10, 0), Amsterdam));
        Assert.Equal("2026-07-01T10:00:00+00:00", TimeFormats.LocalWithOffset(Instant.FromUtc(2026, 7, 1, 10, 0), DateTimeZone.Utc));
    }

    [Fact]
    public void LocalForPeople_NamesTheWeekdayOffsetAndAbbreviation() =>
        Assert.Equal("Wed 2026-07-01 12:00:00 +02:00 CEST", TimeFormats.LocalForPeople(Instant.FromUtc(2026, 7, 1, 10, 0), Amsterdam));
}
