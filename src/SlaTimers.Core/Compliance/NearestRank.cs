using NodaTime;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// Percentiles by the nearest-rank method, the usual one in SLA reports: the p-th percentile of N sorted values
/// is the value at rank ⌈p/100 × N⌉ (1-based). It is always a value that occurred, never an interpolation:
/// the median of 4 values is the 2nd (the lower middle), the 90th percentile of 10 values the 9th, and of a
/// single value that value.
/// </summary>
public static class NearestRank
{
    /// <summary>The <paramref name="percentile"/>-th percentile (0 &lt; p ≤ 100) of ascending <paramref name="sorted"/>; null when empty.</summary>
    public static Duration? Percentile(IReadOnlyList<Duration> sorted, int percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0) return null;
        // Integer ceiling of p × N / 100, exact for every count.
        var rank = (percentile * sorted.Count + 99) / 100;
        return sorted[rank - 1];
    }
}
