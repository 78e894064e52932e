using System.Diagnostics;
using System.Globalization;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

public abstract partial class StoreContractTests
{
    /// <summary>Tickets per round of the throughput test; set it to 10000 for a real measurement.</summary>
    private const string ThroughputVariable = "SLATIMERS_STORAGE_THROUGHPUT_TICKETS";

    private const int ThroughputRounds = 3;

    /// <summary>
    /// Stores pages of 1000 tickets (10 events, 3 clocks each) under a new source, then the same pages again
    /// (every timeline merged), for a few rounds: the best round is what a warmed-up worker does (the first
    /// runs on unoptimized JIT code). It reports wall time and this process's CPU time (the client's share,
    /// which a busy machine does not inflate). Run with detailed console logging to see the report.
    /// </summary>
    [Fact]
    [Trait("Category", "Throughput")]
    public async Task SavePage_PagesOfAThousandTickets_StoreQuickly()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable(ThroughputVariable), CultureInfo.InvariantCulture, out var n) ? n : 1_000;
        var results = new List<(double NewPerSecond, double ReReadPerSecond, string Report)>();
        for (var round = 1; round <= ThroughputRounds; round++)
        {
            var source = NewSource();
            var pages = Enumerable.Range(0, count)
                .Select(i => Record(Ticket(source, i.ToString("D7", CultureInfo.InvariantCulture), Events($"e{i}", 10)), next: At(180 + i % 500)))
                .Chunk(1_000)
                .Select((tickets, i) => Page(source, $"cursor-{i}", tickets))
                .ToList();

            var (firstPass, firstCpu) = await MeasureAsync(async () => { foreach (var page in pages) await Tickets.SavePageAsync(page, None); });
            var (secondPass, secondCpu) = await MeasureAsync(async () => { foreach (var page in pages) await Tickets.SavePageAsync(page, None); });

            Assert.Equal($"cursor-{pages.Count - 1}", (await Tickets.GetSyncStateAsync(source, None))?.Cursor);
            Assert.Equal(10, (await GetRequiredAsync(pages[^1].Tickets[^1].Key)).Ticket.Timeline.Length);
            results.Add((count / firstPass.TotalSeconds, count / secondPass.TotalSeconds,
                $"round {round}: new {count / firstPass.TotalSeconds:0} tickets/s ({firstPass.TotalSeconds:0.00} s, client CPU {firstCpu.TotalSeconds:0.00} s), "
                + $"re-read {count / secondPass.TotalSeconds:0} tickets/s ({secondPass.TotalSeconds:0.00} s, client CPU {secondCpu.TotalSeconds:0.00} s)"));
        }

        var best = results.MaxBy(r => r.NewPerSecond);
        var report = $"{Fixture.Engine}: {count} tickets (10 events, 3 clocks each) in pages of 1000, best of {ThroughputRounds}: {best.Report}";
        Output.WriteLine(string.Join(Environment.NewLine, results.Select(r => r.Report).Append(report)));
        // A floor far below what either engine does, so only a pathological regression fails here.
        Assert.True(best.NewPerSecond > 250, report);
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await work();
        stopwatch.Stop();
        process.Refresh();
        return (stopwatch.Elapsed, process.TotalProcessorTime - cpu);
    }
}
