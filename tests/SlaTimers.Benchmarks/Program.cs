using BenchmarkDotNet.Running;
using SlaTimers.Benchmarks;

// dotnet run -c Release --project tests/SlaTimers.Benchmarks -- --filter '*'   (see README.md)
List<Type> benchmarks = [typeof(CalendarQueryBenchmarks), typeof(CalendarBuildBenchmarks)];
if (ConfigFile.TryLoad(out var why))
{
    benchmarks.Add(typeof(ConfigFileBenchmarks));
}
else
{
    Console.WriteLine($"Measuring the in-code Dutch calendar only: {why}.");
}
BenchmarkSwitcher.FromTypes([.. benchmarks]).Run(args, new BenchmarkConfig());
