using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Reads <c>overrides</c>: other hours on one date, e.g. <c>{ "date": "2026-12-24", "hours": ["09:00-13:00"] }</c>;
/// <c>"hours": []</c> closes the date. Each date may have one override.
/// </summary>
internal static class OverridesReader
{
    private static readonly string[] PropertyNames = ["date", "hours", "name"];

    private const string ExpectedEntry =
        "an override like { \"date\": \"2026-12-24\", \"hours\": [\"09:00-13:00\"], \"name\": \"Christmas Eve\" }";

    private const string ExpectedList = "a list of overrides like [{ \"date\": \"2026-12-24\", \"hours\": [\"09:00-13:00\"] }]";

    public static ImmutableArray<DateOverride> Read(JsonCursor? overrides)
    {
        var entries = overrides?.ReadArray(ExpectedList);
        if (entries is null) return [];

        var result = new List<DateOverride>();
        var pathByDate = new Dictionary<LocalDate, string>();
        foreach (var entry in entries)
        {
            var dateOverride = ReadEntry(entry, out var datePath);
            if (dateOverride is null) continue;
            // The engine keeps one override per date, so a second one would silently replace the first.
            if (!pathByDate.TryAdd(dateOverride.Date, datePath))
            {
                entry.File.Report(datePath, $"{dateOverride.Date:uuuu-MM-dd} already has an override at {pathByDate[dateOverride.Date]}: " +
                                            "give each date one override, with all its hours");
                continue;
            }
            result.Add(dateOverride);
        }
        return [.. result];
    }

    private static DateOverride? ReadEntry(JsonCursor entry, out string datePath)
    {
        datePath = JsonPaths.Property(entry.Path, "date");
        var fields = entry.ReadObject(ExpectedEntry, PropertyNames);
        if (fields is null) return null;

        var dateCursor = fields.Required("date", "the date in yyyy-MM-dd, e.g. \"2026-12-24\"");
        var text = dateCursor?.ReadString("a date in yyyy-MM-dd, e.g. \"2026-12-24\"");
        var hoursCursor = fields.Required("hours", "the hours of that date like [\"09:00-13:00\"], or [] to close it");
        var hours = hoursCursor is { } h ? OpeningHoursReader.Read(h) : [];
        var name = NameReader.Read(fields, fallback: null);

        if (text is null || hoursCursor is null) return null;
        if (!DateText.TryParseDate(text, out var date, out var error))
        {
            dateCursor!.Value.Report(error);
            return null;
        }
        return new DateOverride(date, hours, name);
    }
}
