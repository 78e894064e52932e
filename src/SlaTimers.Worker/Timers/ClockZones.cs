using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Worker.Timers;

/// <summary>The time zone a clock's instants are shown in: its calendar's, else UTC.</summary>
public static class ClockZones
{
    public static DateTimeZone Of(SlaConfiguration configuration, Clock clock) =>
        clock.CalendarId is { } id && configuration.Calendars.TryGet(id, out var calendar) ? calendar.Zone : DateTimeZone.Utc;
}
