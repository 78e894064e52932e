namespace SlaTimers.Core.Calendars;

/// <summary>
/// The calendar has no open time left in the range the engine can search (it is never open, or not
/// again for decades). Raised instead of looping forever; a never-open calendar is also a config error.
/// </summary>
public sealed class CalendarNeverOpensException(string calendarId, string detail)
    : InvalidOperationException($"Calendar '{calendarId}' {detail}")
{
    public string CalendarId { get; } = calendarId;
}
