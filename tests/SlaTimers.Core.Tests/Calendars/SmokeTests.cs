using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Tests.Calendars;

public class SmokeTests
{
    [Fact]
    public void Monday_1600_plus_60_minutes_with_09_17_hours_lands_on_Tuesday_0900()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var nineToFive = new OpeningInterval(new LocalTime(9, 0), new LocalTime(17, 0));
        var week = WeeklySchedule.Create(new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [IsoDayOfWeek.Monday] = [nineToFive], [IsoDayOfWeek.Tuesday] = [nineToFive],
        });
        var calendar = BusinessCalendar.Create(new BusinessCalendarDefinition("t", "t", zone, week, [], []));
        var start = new LocalDateTime(2026, 11, 23, 16, 0).InZoneStrictly(zone).ToInstant();
        var deadline = calendar.Deadline(start, Duration.FromHours(1));
        Assert.Equal(new LocalDateTime(2026, 11, 24, 9, 0), deadline.InZone(zone).LocalDateTime);
        Assert.Equal(Duration.FromHours(1), calendar.Elapsed(start, deadline));
        Assert.Equal(Duration.FromHours(16), calendar.Elapsed(start, start + Duration.FromDays(7)));
    }
}
