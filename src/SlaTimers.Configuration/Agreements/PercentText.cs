using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SlaTimers.Configuration.Json;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Percentages as contracts write them: <c>"95%"</c>, <c>"99.5 %"</c>, or the number <c>95</c>. Every percentage
/// here is a share of something whole, so it must be more than 0 and at most 100.
/// </summary>
internal static partial class PercentText
{
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*%\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>The number before the <c>%</c>; false when the text is not written as a percentage.</summary>
    public static bool TryParse(string text, out decimal percent)
    {
        var match = Shape().Match(text);
        percent = match.Success ? decimal.Parse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
        return match.Success;
    }

    public static bool IsInRange(decimal percent) => percent is > 0m and <= 100m;

    /// <summary>A percentage in (0, 100] from <c>"95%"</c> or <c>95</c>; null after reporting what is wrong.</summary>
    /// <param name="meaning">What the percentage is, for the message: <c>the compliance target (the share of clocks that must be met)</c>.</param>
    /// <param name="example">A right value, e.g. <c>95%</c>.</param>
    public static decimal? Read(JsonCursor cursor, string meaning, string example)
    {
        decimal percent;
        if (cursor.Kind == JsonValueKind.String)
        {
            var text = cursor.Element.GetString()!;
            if (!TryParse(text, out percent))
            {
                cursor.Report($"'{text}' is not a percentage: expected {meaning} like \"{example}\" or the number {example.TrimEnd('%')}");
                return null;
            }
        }
        else if (cursor.ReadDecimal($"{meaning} like \"{example}\" or the number {example.TrimEnd('%')}") is { } number)
        {
            percent = number;
        }
        else
        {
            return null;
        }

        if (IsInRange(percent)) return percent;
        cursor.Report($"{percent.ToString(CultureInfo.InvariantCulture)}% is outside (0, 100]: expected {meaning}, more than 0% and at most 100%, like \"{example}\"");
        return null;
    }
}
