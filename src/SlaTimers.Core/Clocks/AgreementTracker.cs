using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// Replays one ticket's timeline against one agreement: which policy applies after each change, and when
/// each metric's cycles start and stop. An internal agreement (OLA) only lives while the ticket is assigned
/// to its group: every assignment to the group is a stint with its own cycles, ended when the ticket leaves.
/// Trackers are reused from one evaluation to the next (see <see cref="TrackerPool"/>): <see cref="Begin"/>
/// sets every field.
/// </summary>
internal sealed class AgreementTracker
{
    private static readonly Metric[] AllMetrics = Enum.GetValues<Metric>();

    private TrackerPool _pool = null!;
    private Agreement _agreement = null!;
    private BusinessCalendarCatalog _calendars = null!;
    private LocalDate _createdDate;
    private bool _explain;
    private bool _statusMayMatter; // false when every condition is one of ours, which never read the status
    private readonly List<CycleTracker> _cycles = [];
    private readonly CycleTracker?[] _open = new CycleTracker?[AllMetrics.Length];
    private readonly int[] _cycleCount = new int[AllMetrics.Length];
    private readonly SegmentRules?[] _rules = new SegmentRules?[AllMetrics.Length];
    private Policy? _policy;
    private bool _inStint;

    /// <summary>Makes this tracker replay a new ticket against <paramref name="agreement"/>.</summary>
    public void Begin(TrackerPool pool, Agreement agreement, BusinessCalendarCatalog calendars, LocalDate createdDate, bool explain)
    {
        _pool = pool;
        _agreement = agreement;
        _calendars = calendars;
        _createdDate = createdDate;
        _explain = explain;
        _statusMayMatter = StatusMayMatter(agreement);
        _cycles.Clear();
        Array.Clear(_open);
        Array.Clear(_cycleCount);
        Array.Clear(_rules);
        _policy = null;
        _inStint = false;
        HasAgentReplied = false;
    }

    /// <summary>Hands the cycles back to the pool (the rest is set again by <see cref="Begin"/>).</summary>
    public void Release(TrackerPool pool)
    {
        foreach (var cycle in _cycles) pool.Release(cycle);
        _cycles.Clear();
    }

    /// <summary>Counts [from, to) on every open cycle under the fields that held then (an empty range still brings rules into force).</summary>
    public void Advance(Instant from, Instant to, TicketFields fields)
    {
        if (to < from) return;
        foreach (var cycle in _open)
        {
            cycle?.Advance(from, to, RulesFor(cycle.Metric, fields), fields);
        }
    }

    /// <summary>
    /// The rules for a metric under these fields. The target, budget and calendar depend only on the policy
    /// and the priority, so they are looked up again only when one of those changes.
    /// </summary>
    private SegmentRules RulesFor(Metric metric, TicketFields fields)
    {
        ref var cached = ref _rules[(int)metric];
        if (cached is not null && ReferenceEquals(cached.Policy, _policy) && cached.Priority == fields.Priority) return cached;
        return cached = SegmentRules.For(_policy, metric, fields.Priority, _calendars);
    }

    /// <summary>Applies one event: <paramref name="before"/> and <paramref name="after"/> are the fields around it.</summary>
    public void Apply(TicketEvent e, TicketFields before, TicketFields after)
    {
        var t = e.At;
        switch (e.Kind)
        {
            case TicketEventKind.Created:
                // An external agreement's clocks start at creation even if the ticket only falls under it
                // later (e.g. when its organization is set); an OLA's start when the ticket reaches its group.
                if (_agreement.Kind == AgreementKind.External || IsBound(after)) StartStint(t, after);
                break;
            case TicketEventKind.FieldChanged when e.Field == TicketFieldNames.Group && _agreement.Kind == AgreementKind.Internal:
                var wasBound = IsBound(before);
                var isBound = IsBound(after);
                if (wasBound && !isBound) EndStint(t, $"left group '{_agreement.Group}' (now '{after.Group ?? "none"}')");
                if (!wasBound && isBound) StartStint(t, after);
                break;
            case TicketEventKind.StatusChanged:
                if (!before.Status.IsDone() && after.Status.IsDone()) OnSolved(t, after.Status);
                else if (before.Status.IsDone() && !after.Status.IsDone()) OnReopened(t, after);
                break;
            case TicketEventKind.AgentReply:
                Complete(Metric.FirstResponse, t, "first public agent reply");
                Complete(Metric.NextResponse, t, "agent reply");
                Complete(Metric.PeriodicUpdate, t, "next agent update");
                if (_inStint && !after.Status.IsDone()) Start(Metric.PeriodicUpdate, t);
                break;
            case TicketEventKind.CustomerMessage:
                if (_inStint && !after.Status.IsDone() && _open[(int)Metric.NextResponse] is null && HasAgentReplied)
                {
                    Start(Metric.NextResponse, t);
                }
                break;
            case TicketEventKind.Merged:
            case TicketEventKind.Deleted:
                var reason = e.Kind == TicketEventKind.Merged ? "ticket merged" : "ticket deleted";
                for (var i = 0; i < _open.Length; i++)
                {
                    _open[i]?.Stop(t, reason, cancel: true);
                    _open[i] = null;
                }
                _inStint = false;
                break;
        }
        // Re-match when fields changed. A message changes none, and a new status cannot change the match
        // unless some condition reads the status (none of ours does).
        var matchMayChange = !ReferenceEquals(before, after) && (e.Kind != TicketEventKind.StatusChanged || _statusMayMatter);
        if (matchMayChange || e.Kind == TicketEventKind.Created) Rematch(after);
    }

    /// <summary>Set by the evaluator: has any agent replied publicly yet (next-response cycles need one)?</summary>
    public bool HasAgentReplied { get; set; }

    /// <summary>Adds every cycle that ever fell under a policy, as clocks at <paramref name="now"/>.</summary>
    public void AddClocks(List<Clock> clocks, Instant now, TicketFields fields, Instant knownSince)
    {
        foreach (var cycle in _cycles)
        {
            var current = cycle.IsOpen ? RulesFor(cycle.Metric, fields) : null;
            if (cycle.ToClock(now, current, fields, knownSince) is { } clock) clocks.Add(clock);
        }
    }

    /// <summary>External: the agreement covers the ticket. Internal: the ticket sits in the OLA's group.</summary>
    private bool IsBound(TicketFields fields) => _agreement.Kind == AgreementKind.External
        ? _agreement.Covers(fields, _createdDate)
        : string.Equals(fields.Group, _agreement.Group, StringComparison.OrdinalIgnoreCase);

    private void StartStint(Instant t, TicketFields fields)
    {
        _inStint = true;
        if (fields.Status.IsDone()) return;
        Start(Metric.FirstResponse, t);
        Start(Metric.Resolution, t);
    }

    private void EndStint(Instant t, string reason)
    {
        for (var i = 0; i < _open.Length; i++)
        {
            _open[i]?.Stop(t, reason);
            _open[i] = null;
        }
        _inStint = false;
    }

    private void OnSolved(Instant t, StatusCategory status)
    {
        var reason = $"ticket {status.ToConfigName()}";
        Complete(Metric.FirstResponse, t, reason);
        Complete(Metric.NextResponse, t, reason);
        Complete(Metric.PeriodicUpdate, t, reason);
        Complete(Metric.Resolution, t, reason);
    }

    private void OnReopened(Instant t, TicketFields fields)
    {
        if (!_inStint) return;
        var last = _cycles.LastOrDefault(c => c.Metric == Metric.Resolution);
        var behaviour = _agreement.MatchPolicy(fields)?.TargetFor(Metric.Resolution)?.OnReopen ?? ReopenBehaviour.Resume;
        if (behaviour == ReopenBehaviour.Resume && last is { Cancelled: false, IsOpen: false })
        {
            last.Resume(t);
            _open[(int)Metric.Resolution] = last;
        }
        else if (_open[(int)Metric.Resolution] is null)
        {
            Start(Metric.Resolution, t);
        }
    }

    private void Start(Metric metric, Instant t)
    {
        if (_open[(int)metric] is not null) return;
        var cycle = _pool.Cycle(_agreement, metric, ++_cycleCount[(int)metric], t, _explain);
        _cycles.Add(cycle);
        _open[(int)metric] = cycle;
    }

    private bool Complete(Metric metric, Instant t, string reason)
    {
        var cycle = _open[(int)metric];
        if (cycle is null) return false;
        cycle.Stop(t, reason);
        _open[(int)metric] = null;
        return true;
    }

    /// <summary>
    /// Field and tag conditions never read the status, so a status change cannot change which policy matches;
    /// a condition of another kind might.
    /// </summary>
    private static bool StatusMayMatter(Agreement agreement)
    {
        foreach (var policy in agreement.Policies)
        {
            foreach (var condition in policy.Conditions)
            {
                if (condition is not (FieldCondition or TagCondition)) return true;
            }
        }
        return false;
    }

    /// <summary>Policies are re-matched after every change; the first match wins.</summary>
    private void Rematch(TicketFields fields) => _policy = IsBound(fields) ? _agreement.MatchPolicy(fields) : null;
}
