using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Benchmarks;

/// <summary>
/// Warm queries on the Dutch calendar: every year 2019–2037 is compiled in the setup, so each call measures
/// the lookups only. Results are per query (<see cref="Workload.Size"/> queries per invocation).
/// </summary>
[MemoryDiagnoser]
public class CalendarQueryBenchmarks
{
    private BusinessCalendar _calendar = null!;
    private Instant[] _starts = null!, _froms = null!, _tos = null!;
    private Duration[] _budgets = null!;

    [ParamsSource(nameof(Sources))]
    public string Calendar { get; set; } = CalendarSource.InCode;

    public static IEnumerable<string> Sources => CalendarSource.Available;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = CalendarSource.Create(Calendar);
        var workload = Workload.Create(_calendar.Zone);
        (_starts, _budgets, _froms, _tos) = (workload.Starts, workload.Budgets, workload.Froms, workload.Tos);

        for (var year = DutchCalendar.FirstYear - 1; year <= DutchCalendar.LastYear + 1; year++)
        {
            _calendar.DaysIn(year); // compiles the year
        }
        // A wrong engine measured fast is worth nothing: every deadline must hold exactly its budget.
        for (var i = 0; i < _starts.Length; i++)
        {
            var deadline = _calendar.Deadline(_starts[i], _budgets[i]);
            if (_calendar.Elapsed(_starts[i], deadline) != _budgets[i])
            {
                throw new InvalidOperationException($"Elapsed({_starts[i]}, {deadline}) is not the budget {_budgets[i]}.");
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Workload.Size)]
    public long Deadline()
    {
        var calendar = _calendar;
        var starts = _starts;
        var budgets = _budgets;
        long sum = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            sum += calendar.Deadline(starts[i], budgets[i]).ToUnixTimeTicks();
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Workload.Size)]
    public long Elapsed()
    {
        var calendar = _calendar;
        var froms = _froms;
        var tos = _tos;
        long sum = 0;
        for (var i = 0; i < froms.Length; i++)
        {
            sum += calendar.Elapsed(froms[i], tos[i]).BclCompatibleTicks;
        }
        return sum;
    }
}
