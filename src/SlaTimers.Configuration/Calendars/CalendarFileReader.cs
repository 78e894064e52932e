using NodaTime;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Text;

namespace SlaTimers.Configuration.Calendars;

/// <summary>What one calendar file gave: its id (for the duplicate check across files) and, when clean, its definition.</summary>
internal sealed record CalendarFileResult(ConfigFile File, string? Id, BusinessCalendarDefinition? Definition);

/// <summary>
/// Reads one <c>calendars/*.json</c> file into a <see cref="BusinessCalendarDefinition"/>, reporting every
/// problem in it. A file with any problem yields no definition, so a half-read calendar never runs.
/// </summary>
internal static class CalendarFileReader
{
    private static readonly string[] PropertyNames = ["id", "name", "timeZone", "week", "holidays", "overrides", "businessDay"];

    private const string ExpectedCalendar =
        "a calendar like { \"id\": \"nl-servicedesk\", \"timeZone\": \"Europe/Amsterdam\", \"week\": { \"monday\": [\"08:30-17:30\"] } }";

    /// <summary>More than a day would make <c>"1d"</c> budgets longer than the days they are counted in.</summary>
    private static readonly Duration LongestBusinessDay = Duration.FromHours(24);

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
        var businessDay = ReadBusinessDay(calendar.Optional("businessDay"));

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
        return new CalendarFileResult(file, id, new BusinessCalendarDefinition(id, name ?? id, zone, week, holidays, overrides)
        {
            BusinessDayLength = businessDay,
        });
    }

    /// <summary>
    /// <c>businessDay</c>: how long <c>"1d"</c> in a budget is on this calendar. Without it a day is the
    /// weekly schedule's typical day, which a short Friday or a lunch break can make surprising.
    /// </summary>
    private static Duration? ReadBusinessDay(JsonCursor? cursor)
    {
        const string expected = "the length of one business day, e.g. \"8h\" or \"8h30m\"";
        var text = cursor?.ReadString(expected);
        if (text is null) return null;
        if (!DurationText.TryParse(text, out var length))
        {
            cursor!.Value.Report($"'{text}' is not a duration: expected {expected} ({DurationText.Expected})");
            return null;
        }
        if (length <= Duration.Zero || length > LongestBusinessDay)
        {
            cursor!.Value.Report($"'{text}' cannot be a business day: expected more than 0 and at most 24h, e.g. \"8h\"; " +
                                 "leave 'businessDay' out to use the typical day of the weekly hours");
            return null;
        }
        return length;
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
        return ConfigIds.Check(cursor!.Value, id, "calendar id", "nl-servicedesk");
    }
}
