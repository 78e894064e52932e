using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace SlaTimers.Core.Text;

/// <summary>
/// Parses the durations admins and operators type: ISO-8601 (<c>PT4H30M</c>, <c>P2DT4H</c>, a day being
/// 24 hours) or the short form <c>4h30m</c>, <c>90m</c>, <c>45s</c>, <c>1h 15m</c>.
/// </summary>
public static partial class DurationText
{
    public const string Expected = "an ISO-8601 duration such as PT4H30M, or a short form such as 4h30m, 90m or 45s";

    public static bool TryParse(string? text, out Duration duration)
    {
        duration = Duration.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();

        if (trimmed.StartsWith('P') || trimmed.StartsWith('p'))
        {
            var iso = PeriodPattern.NormalizingIso.Parse(trimmed.ToUpperInvariant());
            if (!iso.Success || iso.Value.Years != 0 || iso.Value.Months != 0) return false;
            duration = iso.Value.ToDuration();
            return duration >= Duration.Zero;
        }

        var match = ShortForm().Match(trimmed);
        if (!match.Success || trimmed.Length == 0) return false;
        var total = Duration.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = char.ToLowerInvariant(part.Value[^1]);
            if (!long.TryParse(part.Value.AsSpan(0, part.Value.Length - 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n > 10_000_000)
            {
                return false;
            }
            total += unit switch
            {
                'h' => Duration.FromHours(n),
                'm' => Duration.FromMinutes(n),
                _ => Duration.FromSeconds(n),
            };
        }
        duration = total;
        return true;
    }

    /// <exception cref="FormatException">The text is not a duration; the message says what is accepted.</exception>
    public static Duration Parse(string? text) => TryParse(text, out var d)
        ? d
        : throw new FormatException($"'{text}' is not a duration: expected {Expected}.");

    /// <summary>Formats compactly for people: <c>4h30m</c>, <c>90h</c>, <c>0m</c>, <c>1m30s</c>.</summary>
    public static string Format(Duration duration)
    {
        if (duration < Duration.Zero) return "-" + Format(-duration);
        var hours = (long)Math.Floor(duration.TotalHours);
        var rest = duration - Duration.FromHours(hours);
        var text = (hours > 0 ? $"{hours}h" : "") + (rest.Minutes > 0 ? $"{rest.Minutes}m" : "")
            + (rest.Seconds > 0 ? $"{rest.Seconds}s" : "");
        return text.Length == 0 ? "0m" : text;
    }

    [GeneratedRegex(@"^\s*(?:(?<part>\d+\s*[hmsHMS])\s*)+$")]
    private static partial Regex ShortForm();
}
