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

    /// <summary>
    /// The length of a typical business day, which budgets written in days (<c>2d</c>) are multiplied by:
    /// the most common nominal daily total among open weekdays (the longer one on a tie). 24x7 gives 24h.
    /// </summary>
    public NodaTime.Duration TypicalDayLength
    {
        get
        {
            var totals = _days.Skip(1).Where(d => !d.IsEmpty)
                .Select(d => d.Aggregate(NodaTime.Duration.Zero, (sum, i) => sum + i.NominalLength))
                .ToList();
            return totals.Count == 0
                ? NodaTime.Duration.Zero
                : totals.GroupBy(t => t).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        }
    }

    /// <summary>True when no weekday has any opening interval.</summary>
    public bool IsEmpty => _days.All(d => d.IsEmpty);
}
