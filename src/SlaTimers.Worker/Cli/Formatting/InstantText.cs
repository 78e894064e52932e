using NodaTime;
using NodaTime.Text;

namespace SlaTimers.Worker.Cli.Formatting;

/// <summary>
/// Parses the instants operators type: ISO-8601 with <c>Z</c> or an explicit offset, so the moment is never
/// ambiguous (<c>2026-12-24T16:30:00Z</c>, <c>2026-12-24T17:30:00+01:00</c>, seconds optional).
/// </summary>
public static class InstantText
{
    public const string Expected =
        "an ISO-8601 instant with Z or an offset, such as 2026-12-24T16:30:00Z or 2026-12-24T17:30:00+01:00";

    // o<G> reads "Z" as well as "+01", "+01:00" and "+0100"; seconds and fractions are optional.
    private static readonly OffsetDateTimePattern WithSeconds =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>");

    private static readonly OffsetDateTimePattern WithoutSeconds =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>");

    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        var result = WithSeconds.Parse(trimmed);
        if (!result.Success) result = WithoutSeconds.Parse(trimmed);
        if (!result.Success) return false;
        instant = result.Value.ToInstant();
        return true;
    }
}
