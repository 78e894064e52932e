using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>The opening intervals of each weekday. A weekday without intervals is closed.</summary>
public sealed class WeeklySchedule
{
    private readonly ImmutableArray<OpeningInterval>[] _days; // indexed by IsoDayOfWeek (1..7)

    private WeeklySchedule(ImmutableArray<OpeningInterval>[] days) => _days = days;

    /// <summary>Every day <c>00:00-24:00</c>.</summary>
    public static WeeklySchedule AlwaysOpen { get; } = Create(
        Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[OpeningInterval.WholeDay]));

    /// <summary>Creates a schedule; weekdays that are missing are closed. Intervals are kept sorted by start.</summary>
    public static WeeklySchedule Create(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<OpeningInterval>> days)
    {
        var byDay = new ImmutableArray<OpeningInterval>[8];
        for (var i = 0; i < byDay.Length; i++)
        {
            byDay[i] = days.TryGetValue((IsoDayOfWeek)i, out var intervals)
                ? [.. intervals.OrderBy(x => x.Start)]
                : [];
        }
        return new WeeklySchedule(byDay);
    }

    public ImmutableArray<OpeningInterval> this[IsoDayOfWeek day] => _days[(int)day];

    /// <summary>True when no weekday has any opening interval.</summary>
    public bool IsEmpty => _days.All(d => d.IsEmpty);
}
