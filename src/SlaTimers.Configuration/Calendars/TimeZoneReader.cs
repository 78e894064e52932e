using NodaTime;
using NodaTime.TimeZones;
using SlaTimers.Configuration.Json;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Reads <c>timeZone</c> as an IANA id from NodaTime's TZDB. A wrong id gets the most likely right one:
/// the same id in other case, the IANA id of a Windows zone name, or the zone of a city ("Amsterdam").
/// </summary>
internal static class TimeZoneReader
{
    public const string Expected = "an IANA time zone like \"Europe/Amsterdam\"";

    public static DateTimeZone? Read(JsonCursor? timeZone)
    {
        var id = timeZone?.ReadString(Expected);
        if (id is null) return null;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null) timeZone!.Value.Report($"unknown time zone '{id}'{Suggestion(id)}: expected an IANA time zone id like 'Europe/Amsterdam', 'Europe/London' or 'America/New_York'");
        return zone;
    }

    private static string Suggestion(string id)
    {
        var ids = DateTimeZoneProviders.Tzdb.Ids;
        if (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(id.Trim(), out var fromWindows))
        {
            return $" (a Windows time zone name; its IANA id is '{fromWindows}')";
        }

        var city = id.Trim().Replace(' ', '_');
        var byCity = ids.Where(z => z.EndsWith("/" + city, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byCity.Count > 0 && !id.Contains('/', StringComparison.Ordinal)) return $" (did you mean '{byCity[0]}'?)";

        return NameSuggestions.DidYouMean(id.Trim(), ids);
    }
}
