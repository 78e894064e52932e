using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Recipients;

/// <summary>
/// A person's quiet hours: the closed times of their quiet-hours calendar (<c>"quietHours"</c> in recipients.json),
/// whose opening hours are their working hours. A notification that comes due while it is closed waits for its next
/// opening; the calendar's zone is the person's zone, in which their messages show times.
/// </summary>
public static class QuietHours
{
    /// <summary>
    /// When a notification that comes due at <paramref name="at"/> may reach the person: null when now (no quiet
    /// hours, or the calendar is open), else the calendar's next opening. A calendar that never opens again holds
    /// nothing back — a warning that would never arrive is worse than one at night.
    /// </summary>
    public static Instant? HoldUntil(BusinessCalendar? calendar, Instant at)
    {
        if (calendar is null || calendar.IsOpen(at)) return null;
        try
        {
            var opening = calendar.NextOpening(at);
            return opening > at ? opening : null;
        }
        catch (CalendarNeverOpensException)
        {
            return null;
        }
    }

    /// <summary>The person's quiet-hours calendar, when they have one and the catalog knows it.</summary>
    public static BusinessCalendar? CalendarOf(Person? person, BusinessCalendarCatalog calendars) =>
        person?.QuietHoursCalendarId is { } id && calendars.TryGet(id, out var calendar) ? calendar : null;
}
