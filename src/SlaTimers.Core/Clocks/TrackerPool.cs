using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// The trackers and lists one thread's evaluations work with, kept for its next evaluation: building them
/// anew for every ticket was about half of what an evaluation allocated, and the collections that followed
/// cost time on every core.
/// </summary>
/// <remarks>
/// An evaluation rents the pool and returns it when done. One that throws never returns it: the next
/// evaluation on that thread simply starts a new pool, so a half-used tracker is never seen again. A kept
/// tracker may still reference the last ticket's field values until it is reused; the pool keeps at most
/// a few hundred.
/// </remarks>
internal sealed class TrackerPool
{
    // Enough for any ordinary ticket; a freak timeline with thousands of cycles does not stay in memory.
    private const int MaxKeptCycles = 256;

    [ThreadStatic] private static TrackerPool? t_free;

    private readonly Stack<AgreementTracker> _freeAgreements = new();
    private readonly Stack<CycleTracker> _freeCycles = new();

    /// <summary>The agreements this evaluation replays.</summary>
    public List<AgreementTracker> Trackers { get; } = [];

    /// <summary>The evaluation's clocks, before they are copied into its result.</summary>
    public List<Clock> Clocks { get; } = [];

    public static TrackerPool Rent()
    {
        var pool = t_free ?? new TrackerPool();
        t_free = null; // an evaluation inside an evaluation (there is none today) would get a pool of its own
        return pool;
    }

    /// <summary>Takes every tracker back and keeps the pool for this thread's next evaluation.</summary>
    public void Return()
    {
        foreach (var tracker in Trackers)
        {
            tracker.Release(this);
            _freeAgreements.Push(tracker);
        }
        Trackers.Clear();
        Clocks.Clear();
        t_free = this;
    }

    public AgreementTracker Agreement(Agreement agreement, BusinessCalendarCatalog calendars, LocalDate createdDate, bool explain)
    {
        var tracker = _freeAgreements.TryPop(out var free) ? free : new AgreementTracker();
        tracker.Begin(this, agreement, calendars, createdDate, explain);
        return tracker;
    }

    public CycleTracker Cycle(Agreement agreement, Metric metric, int number, Instant started, bool explain)
    {
        var cycle = _freeCycles.TryPop(out var free) ? free : new CycleTracker();
        cycle.Begin(agreement, metric, number, started, explain);
        return cycle;
    }

    /// <summary>Keeps a finished cycle for reuse (it is not cleared: <see cref="CycleTracker.Begin"/> sets every field).</summary>
    public void Release(CycleTracker cycle)
    {
        if (_freeCycles.Count < MaxKeptCycles) _freeCycles.Push(cycle);
    }
}
