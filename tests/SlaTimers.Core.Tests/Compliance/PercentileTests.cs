using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Compliance;
using static SlaTimers.Core.Tests.Compliance.ClockRecords;

namespace SlaTimers.Core.Tests.Compliance;

public class PercentileTests
{
    private static Duration[] Minutes(params int[] minutes) => [.. minutes.Select(m => Duration.FromMinutes(m))];

    [Fact]
    public void Median_and_p90_of_an_odd_count_are_the_values_at_their_nearest_rank()
    {
        // N = 5: median rank ⌈0.5 × 5⌉ = 3 → 30; p90 rank ⌈0.9 × 5⌉ = ⌈4.5⌉ = 5 → 50.
        var sorted = Minutes(10, 20, 30, 40, 50);

        Assert.Equal(Duration.FromMinutes(30), NearestRank.Percentile(sorted, 50));
        Assert.Equal(Duration.FromMinutes(50), NearestRank.Percentile(sorted, 90));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_lower_middle_value_not_an_average()
    {
        // N = 4: median rank ⌈2⌉ = 2 → 20 (not 25); p90 rank ⌈3.6⌉ = 4 → 40.
        var sorted = Minutes(10, 20, 30, 40);

        Assert.Equal(Duration.FromMinutes(20), NearestRank.Percentile(sorted, 50));
        Assert.Equal(Duration.FromMinutes(40), NearestRank.Percentile(sorted, 90));
    }

    [Fact]
    public void P90_of_ten_values_is_the_ninth()
    {
        // N = 10: p90 rank ⌈9⌉ = 9 → 9; median rank 5 → 5.
        var sorted = Minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        Assert.Equal(Duration.FromMinutes(9), NearestRank.Percentile(sorted, 90));
        Assert.Equal(Duration.FromMinutes(5), NearestRank.Percentile(sorted, 50));
    }

    [Fact]
    public void Every_percentile_of_a_single_value_is_that_value()
    {
        // N = 1: every rank ⌈p/100⌉ = 1.
        var sorted = Minutes(42);

        Assert.Equal(Duration.FromMinutes(42), NearestRank.Percentile(sorted, 50));
        Assert.Equal(Duration.FromMinutes(42), NearestRank.Percentile(sorted, 90));
    }

    [Fact]
    public void No_values_give_no_percentile()
    {
        Assert.Null(NearestRank.Percentile([], 50));
    }

    [Fact]
    public void Report_takes_first_response_and_resolution_times_apart_from_unsorted_clocks()
    {
        // First response used 40, 10, 30 min → sorted 10, 30, 40: median rank 2 → 30; p90 rank ⌈2.7⌉ = 3 → 40.
        // Resolution used 5h, 1h, 3h, 2h → sorted 1, 2, 3, 5 h: median rank 2 → 2h; p90 rank ⌈3.6⌉ = 4 → 5h.
        // Next-response clock (7 min) counts for compliance only.
        ClockRecord[] clocks =
        [
            Met(metric: Metric.FirstResponse, used: Duration.FromMinutes(40)),
            Met(metric: Metric.FirstResponse, used: Duration.FromMinutes(10)),
            Breached(metric: Metric.FirstResponse, used: Duration.FromMinutes(30)),
            Met(used: Duration.FromHours(5)),
            Met(used: Duration.FromHours(1)),
            Breached(used: Duration.FromHours(3)),
            Met(used: Duration.FromHours(2)),
            Met(metric: Metric.NextResponse, used: Duration.FromMinutes(7)),
        ];
        var figures = Summarize(External(), clocks).Figures;

        Assert.Equal(8, figures.Clocks);
        Assert.Equal(Duration.FromMinutes(30), figures.MedianFirstResponse);
        Assert.Equal(Duration.FromMinutes(40), figures.P90FirstResponse);
        Assert.Equal(Duration.FromHours(2), figures.MedianResolution);
        Assert.Equal(Duration.FromHours(5), figures.P90Resolution);
    }

    [Fact]
    public void A_breached_clock_still_running_counts_as_a_breach_but_has_no_time_yet()
    {
        // Resolution: met 1h, breached-stopped 6h, breached-running (used 9h so far).
        // Times over the stopped two → sorted 1h, 6h: median rank 1 → 1h; p90 rank ⌈1.8⌉ = 2 → 6h.
        ClockRecord[] clocks =
        [
            Met(used: Duration.FromHours(1)),
            Breached(used: Duration.FromHours(6)),
            Breached(running: true, used: Duration.FromHours(9)),
        ];
        var figures = Summarize(External(), clocks).Figures;

        Assert.Equal(2, figures.Breached);
        Assert.Equal(Duration.FromHours(1), figures.MedianResolution);
        Assert.Equal(Duration.FromHours(6), figures.P90Resolution);
    }
}
