using NodaTime;

namespace SlaTimers.Benchmarks;

/// <summary>
/// The queries the target is stated for, drawn once with a fixed seed so every run measures the same work:
/// starts spread over the local years 2020–2035, budgets from 1 minute to 30 business days, and elapsed
/// ranges of up to about three months.
/// </summary>
internal sealed class Workload
{
    /// <summary>Queries per invocation: enough to average out branch and cache effects, few enough to stay in L1/L2.</summary>
    public const int Size = 4096;

    /// <summary>30 business days of 8.5 hours (Mon–Thu; Friday is shorter, so this slightly overshoots).</summary>
    public static readonly Duration LongestBudget = Duration.FromHours(30 * 8.5);

    public static readonly Duration LongestRange = Duration.FromDays(92);

    private Workload(Instant[] starts, Duration[] budgets, Instant[] froms, Instant[] tos)
    {
        Starts = starts;
        Budgets = budgets;
        Froms = froms;
        Tos = tos;
    }

    public Instant[] Starts { get; }

    public Duration[] Budgets { get; }

    public Instant[] Froms { get; }

    public Instant[] Tos { get; }

    public static Workload Create(DateTimeZone zone, int seed = 20260101)
    {
        var random = new Random(seed);
        var first = new LocalDate(DutchCalendar.FirstYear, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var last = new LocalDate(2036, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var span = (last - first).BclCompatibleTicks;

        Instant AnyInstant() => first + Duration.FromTicks(random.NextInt64(span));

        var starts = new Instant[Size];
        var budgets = new Duration[Size];
        var froms = new Instant[Size];
        var tos = new Instant[Size];
        for (var i = 0; i < Size; i++)
        {
            starts[i] = AnyInstant();
            budgets[i] = Duration.FromMinutes(random.NextInt64(1, (long)LongestBudget.TotalMinutes + 1));
            froms[i] = AnyInstant();
            tos[i] = froms[i] + Duration.FromTicks(random.NextInt64(LongestRange.BclCompatibleTicks + 1));
        }
        return new Workload(starts, budgets, froms, tos);
    }
}
