using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Benchmarks;

/// <summary>
/// Cold costs: creating the engine from a definition, and compiling one year on its first query (each
/// invocation starts from a fresh engine, so nothing is cached).
/// </summary>
[MemoryDiagnoser]
public class CalendarBuildBenchmarks
{
    private BusinessCalendarDefinition _definition = null!;
    private Instant _start;

    [ParamsSource(nameof(Sources))]
    public string Calendar { get; set; } = CalendarSource.InCode;

    public static IEnumerable<string> Sources => CalendarSource.Available;

    [GlobalSetup]
    public void Setup()
    {
        _definition = CalendarSource.Create(Calendar).Definition;
        _start = new LocalDateTime(2026, 3, 10, 9, 0).InZoneLeniently(_definition.Zone).ToInstant();
    }

    /// <summary>The engine without any year: what a config reload pays per calendar before the first query.</summary>
    [Benchmark]
    public BusinessCalendar Create() => BusinessCalendar.Create(_definition);

    /// <summary>A fresh engine plus the first query, which compiles one local year.</summary>
    [Benchmark]
    public Instant CompileOneYear() => BusinessCalendar.Create(_definition).Deadline(_start, Duration.FromHours(4));
}
