using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>Reads the opening intervals of one day: a weekday in <c>week</c>, or the hours of an override.</summary>
internal static class OpeningHoursReader
{
    public const string Expected = "a list of opening intervals like [\"08:30-12:30\", \"13:00-17:30\"] ([] is closed)";

    /// <summary>The valid intervals; every invalid or overlapping one is reported.</summary>
    public static ImmutableArray<OpeningInterval> Read(JsonCursor hours)
    {
        var items = hours.ReadArray(Expected);
        if (items is null) return [];

        var read = new List<(DayInterval Interval, string Path)>();
        foreach (var item in items)
        {
            var text = item.ReadString("an interval like \"08:30-17:30\"");
            if (text is null) continue;
            if (!HoursText.TryParseInterval(text, out var interval, out var error))
            {
                item.Report(error);
                continue;
            }

            // Overlaps are almost always a typo (17:30 for 12:30); the engine would merge them silently.
            var clash = read.FindIndex(r => r.Interval.Overlaps(interval));
            if (clash >= 0)
            {
                item.Report($"'{text}' overlaps '{read[clash].Interval.Text}' at {read[clash].Path}: " +
                            $"the intervals of one day must not overlap; {MergeHint(read[clash].Interval, interval)}");
                continue;
            }
            read.Add((interval, item.Path));
        }
        return [.. read.Select(r => r.Interval.ToOpeningInterval())];
    }

    private static string MergeHint(DayInterval a, DayInterval b)
    {
        int start = Math.Min(a.StartMinute, b.StartMinute), end = Math.Max(a.EndMinute, b.EndMinute);
        var fitsOneInterval = end - start < HoursText.MinutesPerDay || (start == 0 && end == HoursText.MinutesPerDay);
        return fitsOneInterval
            ? $"write them as one interval '{HoursText.Format(start, end)}'"
            : "shorten or remove one of them";
    }
}
