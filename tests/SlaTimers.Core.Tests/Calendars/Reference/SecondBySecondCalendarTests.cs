using NodaTime;
using static SlaTimers.Core.Tests.Calendars.Moments;

namespace SlaTimers.Core.Tests.Calendars.Reference;

/// <summary>The reference itself gets the spec's own examples right, so agreeing with it means something.</summary>
public class SecondBySecondCalendarTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private static SecondBySecondCalendar Reference(CalendarBuilder builder) => new(builder.Definition(), Minute);

    [Fact]
    public void Reference_lands_a_budget_used_up_at_closing_on_the_next_opening()
    {
        var reference = Reference(CalendarBuilder.In("Europe/Amsterdam").OpenWeekdays("09:00-17:00"));
        var start = Amsterdam.Local(2026, 11, 23, 16);

        Assert.Equal(Amsterdam.Local(2026, 11, 24, 9), reference.Deadline(start, Duration.FromHours(1), start + Duration.FromDays(7)));
        Assert.Equal(Duration.FromHours(40), reference.Elapsed(start, start + Duration.FromDays(7)));
    }

    [Fact]
    public void Reference_cuts_the_night_before_a_holiday_at_midnight_and_closes_the_holidays_own_night()
    {
        var reference = Reference(CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("22:00-06:00")
            .Holiday(new LocalDate(2026, 11, 25), "Company day"));

        Assert.Equal(Duration.FromHours(2), reference.Elapsed(Amsterdam.Local(2026, 11, 24, 20), Amsterdam.Local(2026, 11, 26, 20)));
    }

    [Fact]
    public void Reference_moves_a_boundary_in_a_gap_forward_and_takes_the_earlier_of_two()
    {
        Assert.Equal(At(2026, 3, 29, 3, 30, +2), SecondBySecondCalendar.Resolve(L(2026, 3, 29, 2, 30), Amsterdam));
        Assert.Equal(At(2026, 10, 25, 2, 30, +2), SecondBySecondCalendar.Resolve(L(2026, 10, 25, 2, 30), Amsterdam));
        var saoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
        Assert.Equal(At(2018, 11, 4, 1, 0, -2), SecondBySecondCalendar.Resolve(L(2018, 11, 4), saoPaulo));
    }

    [Fact]
    public void Reference_counts_23_hours_for_a_24x7_spring_forward_day()
    {
        var reference = Reference(CalendarBuilder.In("Europe/Amsterdam").OpenEveryDay("00:00-24:00"));

        Assert.Equal(Duration.FromHours(23), reference.Elapsed(At(2026, 3, 29, 0, 0, +1), At(2026, 3, 30, 0, 0, +2)));
    }
}
