using SlaTimers.Configuration.Json;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Reads and checks an <c>ics</c> holiday file at load time, so a missing, broken or unusable file is a
/// configuration problem the admin sees now, not an error inside a deadline computation later.
/// </summary>
internal static class IcsFileReader
{
    private const string Expected = "a VCALENDAR with all-day VEVENTs, e.g. DTSTART;VALUE=DATE:20261224";

    public static IcsHolidaySource? Read(JsonCursor ics)
    {
        var name = ics.ReadString("the path of an .ics file, relative to this calendar file, e.g. \"closures.ics\"");
        if (name is null) return null;
        if (string.IsNullOrWhiteSpace(name))
        {
            ics.Report("the ICS file name is empty: expected a path relative to this calendar file, e.g. \"closures.ics\"");
            return null;
        }

        var fullPath = Path.GetFullPath(Path.Combine(ics.File.Directory, name));
        if (!File.Exists(fullPath))
        {
            ics.Report($"ICS file '{name}' not found at {fullPath}: the path is relative to the folder of this calendar file");
            return null;
        }

        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(File.ReadAllText(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ics.Report($"ICS file '{name}' ({fullPath}) cannot be read: {e.Message}");
            return null;
        }
        // Ical.Net reports bad content with several exception types (SerializationException,
        // ArgumentOutOfRangeException for an unknown RRULE part, ...); each one means "does not parse".
        catch (Exception e)
        {
            ics.Report($"ICS file '{name}' ({fullPath}) does not parse as iCalendar: {e.Message}; expected {Expected}");
            return null;
        }
        if (calendar is null)
        {
            ics.Report($"ICS file '{name}' ({fullPath}) does not parse as iCalendar: it has no BEGIN:VCALENDAR; expected {Expected}");
            return null;
        }

        return EventsAreAllDay(ics, name, calendar) ? Checked(ics, name, new IcsHolidaySource(name, fullPath, calendar), calendar) : null;
    }

    /// <summary>Only whole dates can be holidays; a timed event would otherwise be dropped without a word.</summary>
    private static bool EventsAreAllDay(JsonCursor ics, string name, Ical.Net.Calendar calendar)
    {
        var ok = true;
        var number = 0;
        foreach (var calendarEvent in calendar.Events)
        {
            number++;
            var label = string.IsNullOrWhiteSpace(calendarEvent.Summary) ? $"event #{number}" : $"event #{number} '{calendarEvent.Summary}'";
            if (calendarEvent.DtStart is null)
            {
                ics.Report($"ICS file '{name}': {label} has no valid DTSTART: expected an all-day date like DTSTART;VALUE=DATE:20261224");
                ok = false;
            }
            else if (calendarEvent.DtStart.HasTime)
            {
                ics.Report($"ICS file '{name}': {label} starts at a time ({calendarEvent.DtStart}): only all-day events " +
                           $"(DTSTART;VALUE=DATE:{calendarEvent.DtStart.Date:yyyyMMdd}) become holidays; for other hours on a date use \"overrides\"");
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>Expands the years the events start in, so a recurrence Ical.Net cannot evaluate is reported now.</summary>
    private static IcsHolidaySource? Checked(JsonCursor ics, string name, IcsHolidaySource source, Ical.Net.Calendar calendar)
    {
        try
        {
            foreach (var year in calendar.Events.Select(e => e.DtStart!.Year).Distinct())
            {
                _ = source.HolidaysIn(year);
            }
            return source;
        }
        catch (InvalidOperationException e)
        {
            ics.Report($"ICS file '{name}' has an event that cannot be expanded: {e.Message}; expected {Expected}");
            return null;
        }
    }
}
