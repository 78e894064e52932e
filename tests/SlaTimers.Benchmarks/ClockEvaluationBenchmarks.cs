using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Benchmarks;

/// <summary>
/// Clock evaluation of 100,000 tickets against the shipped agreements (an external SLA with first-response,
/// next-response and resolution targets on office hours, plus the second-line OLA): per ticket, warm
/// calendars. The target is ≥ 200,000 tickets per second per core.
/// </summary>
[MemoryDiagnoser]
public class ClockEvaluationBenchmarks
{
    public const int Tickets = 100_000;

    private Ticket[] _tickets = null!;
    private Ticket[] _storedTickets = null!;
    private SlaRules _rules = null!;
    private readonly Instant _now = Instant.FromUtc(2026, 12, 31, 12, 0);

    [GlobalSetup]
    public void Setup()
    {
        _rules = SlaConfigurationLoader.Load(ConfigFile.Directory).GetOrThrow().Rules;
        _tickets = TicketStories.Create(Tickets);
        // The worker stores timelines in canonical order (sync normalizes them), as evaluated on every timer.
        _storedTickets = [.. _tickets.Select(t => t with { Timeline = TimelineReplay.Normalize(t) })];
        var clocks = 0;
        foreach (var ticket in _tickets) clocks += ClockEvaluator.Evaluate(ticket, _rules, _now).Length;
        // Guard against measuring an empty workload: every ticket must produce clocks.
        if (clocks < Tickets * 3) throw new InvalidOperationException($"Only {clocks} clocks for {Tickets} tickets.");
        Console.WriteLine($"// {clocks:N0} clocks for {Tickets:N0} tickets ({(double)clocks / Tickets:0.0} per ticket)");
    }

    /// <summary>A stored ticket (canonical timeline), as timers and config reloads evaluate it.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int EvaluateStoredTicket()
    {
        var count = 0;
        foreach (var ticket in _storedTickets) count += ClockEvaluator.Evaluate(ticket, _rules, _now).Length;
        return count;
    }

    /// <summary>A ticket as a connector delivers it: the timeline is de-duplicated and sorted first.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public int EvaluateTicket()
    {
        var count = 0;
        foreach (var ticket in _tickets) count += ClockEvaluator.Evaluate(ticket, _rules, _now).Length;
        return count;
    }
}
