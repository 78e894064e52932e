using NodaTime;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>Reads <c>week</c>: opening intervals per weekday. A weekday that is missing or <c>[]</c> is closed.</summary>
internal static class WeekReader
{
    private static readonly (string Name, IsoDayOfWeek Day)[] Days =
    [
        ("monday", IsoDayOfWeek.Monday), ("tuesday", IsoDayOfWeek.Tuesday), ("wednesday", IsoDayOfWeek.Wednesday),
        ("thursday", IsoDayOfWeek.Thursday), ("friday", IsoDayOfWeek.Friday), ("saturday", IsoDayOfWeek.Saturday),
        ("sunday", IsoDayOfWeek.Sunday),
    ];

    private static readonly string[] DayNames = [.. Days.Select(d => d.Name)];

    public static WeeklySchedule Read(JsonCursor? week)
    {
        var days = new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningInterval>>();
        var weekObject = week?.ReadObject("the weekly hours like { \"monday\": [\"08:30-17:30\"], \"tuesday\": [...] }", DayNames, "weekday");
        if (weekObject is not null)
        {
            foreach (var (name, day) in Days)
            {
                if (weekObject.Optional(name) is { } hours) days[day] = OpeningHoursReader.Read(hours);
            }
        }
        return WeeklySchedule.Create(days);
    }
}
