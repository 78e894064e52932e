using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using SlaTimers.Core.Text;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Parses budgets: a duration (<c>"1h"</c>, <c>"90m"</c>, <c>"PT4H"</c>) or business days (<c>"1d"</c>,
/// <c>"2d4h"</c>). A business day is as long as the target calendar's business day, so <c>"1d"</c> on a desk
/// open 08:30–17:00 is 8h30m, not 24 hours; the days are kept apart until that calendar is known.
/// </summary>
internal static partial class BudgetText
{
    /// <summary>More than any contract asks; a larger number is a typo (<c>"100d"</c> for <c>"10d"</c> is still allowed).</summary>
    private const int MostDays = 1000;

    [GeneratedRegex(@"^(?:(?<days>\d+)\s*[dD])?\s*(?<time>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static string Expected(string? dayNote) =>
        "a duration like \"4h\", \"90m\" or \"PT4H\", or business days like \"1d\" or \"2d4h\"" + (dayNote is null ? "" : $" ({dayNote})");

    /// <param name="days">The whole business days (<c>2</c> in <c>"2d4h"</c>).</param>
    /// <param name="time">The rest, in hours, minutes and seconds.</param>
    /// <param name="dayNote">How long a day is here, e.g. <c>a day of 'nl-servicedesk' is 8h30m</c>, for the error.</param>
    public static bool TryParse(string text, string? dayNote, out int days, out Duration time, out string error)
    {
        days = 0;
        time = Duration.Zero;
        error = "";
        var trimmed = text.Trim();
        if (trimmed.StartsWith('P') || trimmed.StartsWith('p'))
        {
            // DurationText reads an ISO day as 24 hours; in a budget that would silently differ from "1d".
            var datePart = trimmed.ToUpperInvariant().Split('T')[0];
            if (datePart.Contains('D', StringComparison.Ordinal) || datePart.Contains('W', StringComparison.Ordinal))
            {
                error = $"'{text}' has days in ISO form, which count 24 hours each: write business days like \"1d\"{DayNote(dayNote)}, " +
                        "or the hours, e.g. \"PT24H\"";
                return false;
            }
            if (DurationText.TryParse(trimmed, out time)) return true;
            error = $"'{text}' is not a budget: expected {Expected(dayNote)}";
            return false;
        }

        var match = Shape().Match(trimmed);
        var dayText = match.Groups["days"].Value;
        var timeText = match.Groups["time"].Value;
        var hasTime = timeText.Length > 0;
        if (!match.Success || (dayText.Length == 0 && !hasTime)
            || (hasTime && (timeText.StartsWith('P') || timeText.StartsWith('p') || !DurationText.TryParse(timeText, out time))))
        {
            error = $"'{text}' is not a budget: expected {Expected(dayNote)}";
            return false;
        }
        if (dayText.Length > 0 && (!int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days > MostDays))
        {
            error = $"'{text}' has more than {MostDays} business days: expected a budget like \"10d\"";
            return false;
        }
        return true;
    }

    private static string DayNote(string? dayNote) => dayNote is null ? "" : $" ({dayNote})";
}
