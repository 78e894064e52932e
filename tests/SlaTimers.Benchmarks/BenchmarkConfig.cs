using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace SlaTimers.Benchmarks;

/// <summary>
/// One short job (the whole run takes about two minutes on two cores) with allocations and an ops/s
/// column. The benchmarks run single-threaded, so ops/s is per core.
/// </summary>
/// <remarks>
/// In process: BenchmarkDotNet's usual child build writes into the src projects' own obj/ and bin/
/// folders, which clashes with builds that use a private artifacts folder (and with other builds running
/// at the same time). The process running the benchmarks is this Release build, so nothing is lost but
/// the isolation of a fresh process per benchmark.
/// </remarks>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(400))
            .WithId("1-core"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, new OpsPerSecondColumn());
        WithOptions(ConfigOptions.JoinSummary);
    }
}

/// <summary>Operations per second on one core: 1e9 / (mean ns per operation).</summary>
public sealed class OpsPerSecondColumn : IColumn
{
    public string Id => nameof(OpsPerSecondColumn);
    public string ColumnName => "Ops/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Operations per second on one core (1e9 / Mean in ns)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean is { } ns and > 0 ? (1e9 / ns).ToString("N0") : "-";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
