using NodaTime;
using NodaTime.Text;
using SlaTimers.Helpdesks.Zendesk;

namespace SlaTimers.Helpdesks.Tests.Zendesk;

/// <summary>
/// Timestamps in Zendesk's own form (<c>yyyy-MM-ddTHH:mm:ssZ</c>) are read by hand; every text must still read
/// exactly as the NodaTime patterns read it before — same instant, same refusals.
/// </summary>
public class ZendeskTimestampTests
{
    /// <summary>What <see cref="ZendeskValues.TryParseTimestamp"/> gave before the hand-written reader: the patterns alone.</summary>
    private static Instant? ByPatterns(string text)
    {
        IPattern<OffsetDateTime>[] patterns =
        [
            OffsetDateTimePattern.ExtendedIso,
            OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'/'MM'/'dd HH':'mm':'ss o<+HHmm>"),
        ];
        foreach (var pattern in patterns)
        {
            if (pattern.Parse(text) is { Success: true } result) return result.Value.ToInstant();
        }
        return null;
    }

    private static Instant? Parsed(string text) => ZendeskValues.TryParseTimestamp(text, out var instant) ? instant : null;

    public static TheoryData<string> ZendeskForm =>
    [
        "2026-11-20T08:00:00Z",
        "2024-02-29T23:59:59Z",
        "2000-02-29T12:00:00Z",
        "2026-12-31T23:59:59Z",
        "2027-01-01T00:00:00Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2026-04-30T10:20:30Z",
        "2026-07-31T01:02:03Z",
    ];

    [Theory]
    [MemberData(nameof(ZendeskForm))]
    public void Zendesk_form_is_read_by_hand_to_the_instant_the_pattern_gives(string text)
    {
        Assert.True(ZendeskValues.TryParseUtcSeconds(text, out var instant));
        Assert.Equal(ByPatterns(text), instant);
        Assert.Equal(ByPatterns(text), Parsed(text));
    }

    [Fact]
    public void Every_second_of_a_sample_across_leap_and_common_years_reads_as_the_pattern_reads_it()
    {
        var start = Instant.FromUtc(1999, 12, 31, 0, 0);
        // A step that is no divisor of a day, so hours, minutes and seconds all vary; ~3,000 samples to 2028.
        var step = Duration.FromSeconds(86_400 * 3 + 3_661 + 7);
        for (var at = start; at < Instant.FromUtc(2028, 12, 31, 0, 0); at += step)
        {
            var text = InstantPattern.General.Format(at);
            Assert.True(ZendeskValues.TryParseUtcSeconds(text, out var instant), text);
            Assert.Equal(at, instant);
            Assert.Equal(ByPatterns(text), instant);
        }
    }

    public static TheoryData<string> NotARealMoment =>
    [
        "2026-02-30T00:00:00Z",
        "2026-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-01-00T00:00:00Z",
        "2026-01-32T00:00:00Z",
        "2026-11-20T24:00:00Z",
        "2026-11-20T23:60:00Z",
        "2026-11-20T23:59:60Z",
        "2026-11-2OT08:00:00Z",
        "2026-11-20T08:0a:00Z",
        "abcd-ef-ghTij:kl:mnZ",
        "2026-11-20 08:00:00Z",
        "2026/11/20T08:00:00Z",
        "+026-11-20T08:00:00Z",
        "2026-11-20T08:00:00z",
        "2026-11-20T08:00:00Y",
        "2026-11-20T08:00:-1Z",
    ];

    [Theory]
    [MemberData(nameof(NotARealMoment))]
    public void Texts_the_hand_reader_refuses_are_decided_by_the_patterns_as_before(string text)
    {
        Assert.False(ZendeskValues.TryParseUtcSeconds(text, out _));
        Assert.Equal(ByPatterns(text), Parsed(text));
    }

    [Theory]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-20T08:61:00Z")]
    [InlineData("2026-11-2OT08:00:00Z")]
    public void Impossible_or_garbled_timestamps_are_refused(string text)
    {
        Assert.False(ZendeskValues.TryParseTimestamp(text, out _));
    }

    [Fact]
    public void Hour_24_is_left_to_the_pattern_which_reads_it_as_the_next_midnight_as_before()
    {
        Assert.False(ZendeskValues.TryParseUtcSeconds("2026-12-31T24:00:00Z", out _));
        Assert.Equal(Instant.FromUtc(2027, 1, 1, 0, 0), Parsed("2026-12-31T24:00:00Z"));
    }

    public static TheoryData<string, string> OtherForms => new()
    {
        { "2026-11-20T08:00:00.123Z", "2026-11-20T08:00:00.123Z" },
        { "2026-11-20T08:00:00.5Z", "2026-11-20T08:00:00.5Z" },
        { "2026-11-20T09:00:00+01:00", "2026-11-20T08:00:00Z" },
        { "2026-11-20T01:00:00-07:00", "2026-11-20T08:00:00Z" },
        { "2011/09/25 22:35:44 -0700", "2011-09-26T05:35:44Z" },
        { "2011/09/25 22:35:44 +0000", "2011-09-25T22:35:44Z" },
        { "0000-06-15T00:00:00Z", "0000-06-15T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(OtherForms))]
    public void Other_forms_still_parse_through_the_patterns(string text, string expected)
    {
        Assert.False(ZendeskValues.TryParseUtcSeconds(text, out _));
        Assert.Equal(InstantPattern.ExtendedIso.Parse(expected).Value, Parsed(text));
        Assert.Equal(ByPatterns(text), Parsed(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a time")]
    public void Missing_or_blank_timestamps_are_refused(string? text)
    {
        Assert.False(ZendeskValues.TryParseTimestamp(text, out _));
    }
}
