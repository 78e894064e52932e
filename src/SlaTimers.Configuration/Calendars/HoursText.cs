using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Parses opening intervals as admins write them: <c>"08:30-17:30"</c>; <c>"22:00-06:00"</c> runs past
/// midnight and belongs to the day it starts; <c>"00:00-24:00"</c> is the whole day; 24:00 only ends one.
/// </summary>
internal static partial class HoursText
{
    public const int MinutesPerDay = 24 * 60;

    private const string TimeExpectation = "expected HH:MM from 00:00 to 24:00";

    // Loose on purpose: anything shaped like two times is parsed further, so "8:30" or "25:00" gets the
    // precise "is not a time" message instead of the vaguer "is not an interval".
    [GeneratedRegex(@"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex IntervalShape();

    public static bool TryParseInterval(string text, out DayInterval interval, out string error)
    {
        interval = default;
        var match = IntervalShape().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not an interval: expected HH:MM-HH:MM, e.g. '08:30-17:30' " +
                    "(an end at or before the start, as in '22:00-06:00', runs past midnight)";
            return false;
        }

        string startText = match.Groups[1].Value, endText = match.Groups[2].Value;
        if (!TryParseTime(startText, out var start, out error) || !TryParseTime(endText, out var end, out error)) return false;

        if (start == MinutesPerDay)
        {
            error = $"'{text}' starts at 24:00: 24:00 is allowed only as an end; start at '00:00' instead";
            return false;
        }
        if (start == end)
        {
            error = $"'{text}' is empty: its start and end are the same; write '00:00-24:00' for the whole day";
            return false;
        }

        interval = new DayInterval(text, start, end <= start ? end + MinutesPerDay : end);
        error = "";
        return true;
    }

    /// <summary>Minutes after midnight, 0 to 1440 (24:00).</summary>
    private static bool TryParseTime(string text, out int minutes, out string error)
    {
        minutes = 0;
        error = "";
        var parts = text.Split(':');
        var hours = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minute = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var valid = minute <= 59 && (hours < 24 || (hours == 24 && minute == 0));
        if (valid && parts[0].Length == 2)
        {
            minutes = hours * 60 + minute;
            return true;
        }
        error = valid
            ? $"'{text}' is not a time: {TimeExpectation}, with two digits for the hour: '0{text}'"
            : $"'{text}' is not a time: {TimeExpectation}";
        return false;
    }

    internal static string Format(int start, int end) =>
        $"{FormatTime(start)}-{(end % MinutesPerDay == 0 ? "24:00" : FormatTime(end % MinutesPerDay))}";

    private static string FormatTime(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}

/// <summary>
/// One parsed interval in minutes after the midnight of the day it belongs to; a night shift ends after
/// 1440. This form makes overlaps within a day a simple comparison.
/// </summary>
internal readonly record struct DayInterval(string Text, int StartMinute, int EndMinute)
{
    public bool Overlaps(DayInterval other) => StartMinute < other.EndMinute && other.StartMinute < EndMinute;

    /// <summary>The Core value: an end of 24:00 becomes midnight, and an end at or before the start means the next day.</summary>
    public OpeningInterval ToOpeningInterval() => new(Time(StartMinute), Time(EndMinute % HoursText.MinutesPerDay));

    private static LocalTime Time(int minutes) => new(minutes / 60, minutes % 60);
}
