using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Recipients;
using SlaTimers.Core.Tests.Calendars;

namespace SlaTimers.Core.Tests.Recipients;

public class QuietHoursTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>Working hours one hour in 2026 only: June 1st 10:00-11:00, then never again.</summary>
    private static readonly BusinessCalendar LastHourIn2026 =
        CalendarBuilder.In("Europe/Amsterdam").Override(new LocalDate(2026, 6, 1), "The last hour", "10:00-11:00").Build("quiet");

    private static Instant Local(int year, int month, int day, int hour) =>
        new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(Zone).ToInstant();

    [Fact]
    public void Outside_working_hours_a_notification_waits_for_the_next_opening()
    {
        Assert.Equal(Local(2026, 6, 1, 10), QuietHours.HoldUntil(LastHourIn2026, Local(2026, 5, 31, 23)));
    }

    [Fact]
    public void Within_working_hours_nothing_waits()
    {
        Assert.Null(QuietHours.HoldUntil(LastHourIn2026, Local(2026, 6, 1, 10) + Duration.FromMinutes(30)));
    }

    [Fact]
    public void A_calendar_that_never_opens_again_holds_nothing_back()
    {
        var after = Local(2026, 6, 1, 12);
        Assert.Throws<CalendarNeverOpensException>(() => LastHourIn2026.NextOpening(after));

        Assert.Null(QuietHours.HoldUntil(LastHourIn2026, after));
    }

    [Fact]
    public void Without_a_quiet_hours_calendar_nothing_waits()
    {
        Assert.Null(QuietHours.HoldUntil(null, Local(2026, 5, 31, 23)));
    }
}
