using System.Collections.Immutable;
using NodaTime;
using PublicHoliday;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Benchmarks;

/// <summary>
/// The Dutch service-desk calendar the performance target is stated for, built in code so the engine can be
/// measured whether or not <c>config/calendars/nl-servicedesk.json</c> loads: Europe/Amsterdam, Mon–Thu
/// 08:30-12:30 + 13:00-17:30 (lunch break), Fri 08:30-16:00, NL public holidays and Christmas Eve.
/// </summary>
internal static class DutchCalendar
{
    public const string Id = "nl-servicedesk";
    public const int FirstYear = 2020, LastYear = 2036;

    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public static BusinessCalendarDefinition Definition { get; } = CreateDefinition();

    private static BusinessCalendarDefinition CreateDefinition()
    {
        OpeningInterval Hours(int fromHour, int fromMinute, int toHour, int toMinute) =>
            new(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute));

        IReadOnlyList<OpeningInterval> withLunch = [Hours(8, 30, 12, 30), Hours(13, 0, 17, 30)];
        var week = WeeklySchedule.Create(new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [IsoDayOfWeek.Monday] = withLunch,
            [IsoDayOfWeek.Tuesday] = withLunch,
            [IsoDayOfWeek.Wednesday] = withLunch,
            [IsoDayOfWeek.Thursday] = withLunch,
            [IsoDayOfWeek.Friday] = [Hours(8, 30, 16, 0)],
        });

        // Fixed dates, as a calendar file with the years written out would give: the engine asks each
        // source once per year it compiles, so this is also the shape the compile cost is measured on.
        var dutch = new DutchPublicHoliday();
        var holidays = ImmutableArray.CreateBuilder<IHolidaySource>();
        for (var year = FirstYear; year <= LastYear; year++)
        {
            foreach (var (date, name) in dutch.PublicHolidayNames(year))
            {
                holidays.Add(new FixedHoliday(LocalDate.FromDateTime(date), name));
            }
        }
        holidays.Add(new YearlyHoliday(new AnnualDate(12, 24), "Kerstavond"));

        return new BusinessCalendarDefinition(Id, "Service desk NL", Zone, week, holidays.ToImmutable(), []);
    }
}
