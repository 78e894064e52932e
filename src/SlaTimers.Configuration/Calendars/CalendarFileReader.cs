using System.Text.RegularExpressions;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>What one calendar file gave: its id (for the duplicate check across files) and, when clean, its definition.</summary>
internal sealed record CalendarFileResult(ConfigFile File, string? Id, BusinessCalendarDefinition? Definition);

/// <summary>
/// Reads one <c>calendars/*.json</c> file into a <see cref="BusinessCalendarDefinition"/>, reporting every
/// problem in it. A file with any problem yields no definition, so a half-read calendar never runs.
/// </summary>
internal static partial class CalendarFileReader
{
    private static readonly string[] PropertyNames = ["id", "name", "timeZone", "week", "holidays", "overrides"];

    private const string ExpectedCalendar =
        "a calendar like { \"id\": \"nl-servicedesk\", \"timeZone\": \"Europe/Amsterdam\", \"week\": { \"monday\": [\"08:30-17:30\"] } }";

    // Ids are referenced from agreements and typed on the command line: keep them plain.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    public static CalendarFileResult Read(ConfigFile file)
    {
        var problemsBefore = file.ProblemCount;
        using var document = JsonFileReader.Read(file);
        if (document is null) return new CalendarFileResult(file, null, null);

        var calendar = JsonCursor.Root(document.RootElement, file).ReadObject(ExpectedCalendar, PropertyNames);
        if (calendar is null) return new CalendarFileResult(file, null, null);

        var id = ReadId(calendar);
        var name = calendar.OptionalString("name", "a display name like \"Servicedesk Amsterdam\"");
        var zone = TimeZoneReader.Read(calendar.Required("timeZone", TimeZoneReader.Expected));

        // Read in the order the file is written, so the problems come in that order too.
        var weekProblemsBefore = file.ProblemCount;
        var week = WeekReader.Read(calendar.Optional("week"));
        var hoursProblems = file.ProblemCount - weekProblemsBefore;
        var holidays = HolidaysReader.Read(calendar.Optional("holidays"));
        var overridesProblemsBefore = file.ProblemCount;
        var overrides = OverridesReader.Read(calendar.Optional("overrides"));
        hoursProblems += file.ProblemCount - overridesProblemsBefore;

        // Only when the hours themselves were readable: a broken "monday" already explains the emptiness.
        if (hoursProblems == 0 && week.IsEmpty && overrides.All(o => o.ClosesDate))
        {
            file.Report(JsonPaths.Property(JsonPaths.Root, "week"),
                "the calendar is never open: it has no weekly hours and no override with hours; " +
                "add opening hours, e.g. \"week\": { \"monday\": [\"09:00-17:00\"] }");
        }

        if (file.ProblemCount > problemsBefore || id is null || zone is null) return new CalendarFileResult(file, id, null);
        return new CalendarFileResult(file, id, new BusinessCalendarDefinition(id, name ?? id, zone, week, holidays, overrides));
    }

    private static string? ReadId(JsonObjectCursor calendar)
    {
        var cursor = calendar.Required("id", "a calendar id like \"nl-servicedesk\" (agreements refer to the calendar by it)");
        var id = cursor?.ReadString("a calendar id like \"nl-servicedesk\"");
        if (id is null) return null;

        if (string.Equals(id.Trim(), BusinessCalendarDefinition.AlwaysOpenId, StringComparison.OrdinalIgnoreCase))
        {
            cursor!.Value.Report($"the id '{id}' is reserved for the built-in calendar that is always open: " +
                                 "choose another id, e.g. 'nl-servicedesk'; agreements can use '24x7' without defining it");
            return null;
        }
        if (!IdShape().IsMatch(id))
        {
            cursor!.Value.Report($"'{id}' is not a valid calendar id: use letters, digits, '-', '_' and '.', " +
                                 "starting with a letter or digit, e.g. 'nl-servicedesk'");
            return null;
        }
        return id;
    }
}
