using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Text;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Parses a checkpoint's <c>at</c>: a share of the budget (<c>"75%"</c>), a time before the deadline
/// (<c>"30m before"</c>), or an escalation after it (<c>"+0"</c>, <c>"+1h"</c>). Offsets count business time of
/// the target's calendar; a trailing <c>" wall"</c> makes them real (wall-clock) time.
/// </summary>
internal static partial class CheckpointText
{
    public const string Expected =
        "a share of the budget like \"75%\", a time before the deadline like \"30m before\", or an escalation after it " +
        "like \"+0\" or \"+1h\"; add \" wall\" for wall-clock instead of business time, e.g. \"+1h wall\"";

    [GeneratedRegex(@"^(?<text>.*?)\s+wall$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WallSuffix();

    [GeneratedRegex(@"^(?<percent>-?\d+(?:\.\d+)?)\s*%$", RegexOptions.CultureInvariant)]
    private static partial Regex Share();

    [GeneratedRegex(@"^(?<offset>.+?)\s+before$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Before();

    [GeneratedRegex(@"^\+\s*(?<offset>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex After();

    public static bool TryParse(string text, out CheckpointOffset offset, out string error)
    {
        offset = default;
        error = "";
        var trimmed = text.Trim();
        var wall = WallSuffix().Match(trimmed);
        var wallClock = wall.Success;
        if (wallClock) trimmed = wall.Groups["text"].Value;

        if (Share().Match(trimmed) is { Success: true } share)
        {
            var percent = double.Parse(share.Groups["percent"].Value, CultureInfo.InvariantCulture);
            if (wallClock)
            {
                error = $"'{text}': ' wall' applies to a time before or after the deadline (\"30m before wall\", \"+1h wall\"), " +
                        $"not to a share of the budget: write \"{share.Value}\"";
                return false;
            }
            if (percent is <= 0 or > 100)
            {
                error = $"'{text}' is outside (0, 100]: a warning at a share of the budget needs more than 0% and at most 100%, " +
                        "e.g. \"75%\"; for a time after the deadline write an escalation like \"+1h\"";
                return false;
            }
            offset = CheckpointOffset.Share(percent);
            return true;
        }

        if (Before().Match(trimmed) is { Success: true } before)
        {
            if (!TryParseOffset(text, before.Groups["offset"].Value, out var duration, out error)) return false;
            if (duration == Duration.Zero)
            {
                error = $"'{text}' is the deadline itself: write \"+0\" for an escalation at the deadline, or a time like \"30m before\"";
                return false;
            }
            offset = CheckpointOffset.Before(duration, wallClock);
            return true;
        }

        if (After().Match(trimmed) is { Success: true } after)
        {
            if (!TryParseOffset(text, after.Groups["offset"].Value, out var duration, out error)) return false;
            offset = CheckpointOffset.After(duration, wallClock);
            return true;
        }

        var hint = trimmed.StartsWith('-') ? "; for a time before the deadline write \"30m before\"" : "";
        error = $"'{text}' is not a checkpoint: expected {Expected}{hint}";
        return false;
    }

    private static bool TryParseOffset(string text, string offsetText, out Duration duration, out string error)
    {
        error = "";
        if (offsetText.Trim() == "0")
        {
            duration = Duration.Zero;
            return true;
        }
        if (DurationText.TryParse(offsetText, out duration)) return true;
        error = $"'{text}' is not a checkpoint: '{offsetText.Trim()}' is not a duration; expected {DurationText.Expected} (or 0)";
        return false;
    }
}
