using BenchmarkDotNet.Running;
using SlaTimers.Benchmarks;

// dotnet run -c Release --project tests/SlaTimers.Benchmarks -- --filter '*'   (see README.md)
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
