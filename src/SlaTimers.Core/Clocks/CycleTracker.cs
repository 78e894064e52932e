using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Text;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// One cycle of one metric while the timeline is replayed: counts business time segment by segment with
/// the rules in force, notes when the breach and each business-time checkpoint were reached, and turns
/// into a <see cref="Clock"/> at the end.
/// </summary>
internal sealed class CycleTracker(Agreement agreement, Metric metric, int number, Instant started, bool explain)
{
    private Duration _used;
    private Instant? _breachedAt;
    private List<(string Key, Instant At)>? _reached; // checkpoints reached so far: a handful at most
    private List<(Instant From, Instant To, TicketFields Fields)>? _waiting;
    private bool _everApplicable;
    private SegmentRules? _lastRules;
    private (Instant From, Instant To, SegmentRules Rules)? _pending;
    private Instant? _notApplicableSince;
    private readonly List<ClockSegment>? _segments = explain ? [] : null;
    private readonly List<ClockNote>? _notes = explain ? [] : null;

    public Metric Metric => metric;
    public Instant? Stopped { get; private set; }
    public string? StopReason { get; private set; }
    public bool Cancelled { get; private set; }
    public bool IsOpen => Stopped is null;

    /// <summary>
    /// Counts [<paramref name="from"/>, <paramref name="to"/>) under <paramref name="rules"/>. Time before the
    /// cycle first falls under a policy (e.g. until triage sets the priority) is counted once it does, with
    /// the first rules that apply — as the major helpdesks measure from creation.
    /// </summary>
    public void Advance(Instant from, Instant to, SegmentRules rules)
    {
        if (to < from) return;
        if (!_everApplicable)
        {
            if (!rules.IsApplicable)
            {
                if (to > from) (_waiting ??= []).Add((from, to, rules.Fields));
                return;
            }
            _everApplicable = true;
            foreach (var (waitFrom, waitTo, fields) in _waiting ?? [])
            {
                Count(waitFrom, waitTo, rules.WithFields(fields));
            }
            _waiting = null;
        }
        // Stretches under the same rules (a message, a tag change) are counted as one: one elapsed-time
        // query instead of several, with the same result since business time adds up.
        if (_pending is { } pending && pending.To == from && pending.Rules.SameEffectAs(rules, explaining: _segments is not null))
        {
            _pending = (pending.From, to, rules);
            return;
        }
        Flush();
        _pending = (from, to, rules);
    }

    /// <summary>Counts the stretch held back for merging.</summary>
    private void Flush()
    {
        if (_pending is not { } pending) return;
        _pending = null;
        Count(pending.From, pending.To, pending.Rules);
    }

    public void Stop(Instant at, string reason, bool cancel = false)
    {
        Flush();
        Stopped = at;
        StopReason = reason;
        Cancelled = cancel;
        _notes?.Add(new ClockNote(at, (cancel ? "cancelled: " : "stopped: ") + reason));
    }

    /// <summary>A reopen with <see cref="ReopenBehaviour.Resume"/>: the clock runs on with the time it had used.</summary>
    public void Resume(Instant at)
    {
        Stopped = null;
        StopReason = null;
        _notes?.Add(new ClockNote(at, "reopened: the clock resumes with the business time it had used"));
    }

    public void Note(Instant at, string text) => _notes?.Add(new ClockNote(at, text));

    /// <summary>
    /// Counts one segment. A zero-length segment (a change and a stop at one instant) still brings its
    /// rules into force, so a budget cut that the time already used exceeds is a breach at that instant.
    /// </summary>
    private void Count(Instant from, Instant to, SegmentRules rules)
    {
        var kind = rules.Kind;
        if (kind == SegmentKind.NotApplicable) _notApplicableSince ??= from;
        else
        {
            _notApplicableSince = null;
            BringIntoForce(from, rules);
        }
        if (to == from) return;

        var used = Duration.Zero;
        if (kind == SegmentKind.Running)
        {
            var calendar = rules.Calendar!;
            used = calendar.Elapsed(from, to);
            var before = _used;
            var after = before + used;
            if (_breachedAt is null && after > rules.Budget)
            {
                _breachedAt = calendar.Deadline(from, rules.Budget - before);
                _notes?.Add(new ClockNote(_breachedAt.Value, $"breached: the budget of {DurationText.Format(rules.Budget)} was used up"));
            }
            foreach (var checkpoint in rules.Target!.Checkpoints)
            {
                var threshold = checkpoint.Offset.UsedAt(rules.Budget);
                if (!checkpoint.Offset.WallClock && after > threshold && !HasReached(checkpoint))
                {
                    Reach(checkpoint, calendar.Deadline(from, threshold - before));
                }
            }
            _used = after;
        }
        _segments?.Add(new ClockSegment(from, to, kind, rules.Policy?.Id, rules.Fields.Priority,
            rules.HasBudget ? rules.Budget : null, rules.Target?.CalendarId, used, rules.Fields.StatusName ?? rules.Fields.Status.ToConfigName()));
    }

    /// <summary>
    /// New rules (policy, priority, calendar) take over at <paramref name="at"/>: the time already used is
    /// kept, so a smaller budget it already exceeds is breached there, and thresholds already passed are
    /// reached there. A breach that happened stays a fact even if a later change raises the budget again.
    /// </summary>
    private void BringIntoForce(Instant at, SegmentRules rules)
    {
        if (_lastRules?.Target is not null && !rules.SameRulesAs(_lastRules)) NoteRuleChange(at, _lastRules, rules);
        _lastRules = rules;
        if (_breachedAt is null && _used > rules.Budget)
        {
            _breachedAt = at;
            _notes?.Add(new ClockNote(at, $"breached: {DurationText.Format(_used)} already used exceeds the new budget of {DurationText.Format(rules.Budget)}"));
        }
        foreach (var checkpoint in rules.Target!.Checkpoints)
        {
            if (!checkpoint.Offset.WallClock && _used > checkpoint.Offset.UsedAt(rules.Budget) && !HasReached(checkpoint))
            {
                Reach(checkpoint, at);
            }
        }
    }

    private bool HasReached(Checkpoint checkpoint) => ReachedAt(checkpoint.Key) is not null;

    private Instant? ReachedAt(string key)
    {
        if (_reached is null) return null;
        foreach (var (reachedKey, at) in _reached)
        {
            if (ReferenceEquals(reachedKey, key) || reachedKey == key) return at;
        }
        return null;
    }

    private void Reach(Checkpoint checkpoint, Instant at) => (_reached ??= new(4)).Add((checkpoint.Key, at));

    private void NoteRuleChange(Instant at, SegmentRules old, SegmentRules now)
    {
        if (_notes is null) return;
        if (!ReferenceEquals(old.Policy, now.Policy))
        {
            _notes.Add(new ClockNote(at, $"re-matched: policy '{old.Policy?.Id}' → '{now.Policy?.Id ?? "(none)"}'"));
        }
        if (old.Fields.Priority != now.Fields.Priority)
        {
            _notes.Add(new ClockNote(at, $"priority {old.Fields.Priority ?? "(none)"} → {now.Fields.Priority ?? "(none)"}"));
        }
        if (old.Budget != now.Budget && now.HasBudget)
        {
            _notes.Add(new ClockNote(at, $"budget {DurationText.Format(old.Budget)} → {DurationText.Format(now.Budget)}; {DurationText.Format(_used)} already used is kept"));
        }
        if (!ReferenceEquals(old.Calendar, now.Calendar) && now.Target is not null)
        {
            _notes.Add(new ClockNote(at, $"calendar '{old.Target?.CalendarId}' → '{now.Target.CalendarId}'"));
        }
    }

    /// <summary>The clock as of <paramref name="now"/>, or null if no policy ever applied to this cycle.</summary>
    public Clock? ToClock(Instant now, SegmentRules? current, Instant knownSince)
    {
        Flush();
        if (!_everApplicable) return null;
        var rules = current is { IsApplicable: true } ? current : _lastRules!;
        var stopped = Stopped;
        var cancelled = Cancelled || (stopped is null && current is not { IsApplicable: true });
        var paused = stopped is null && !cancelled && current!.Kind == SegmentKind.Paused;
        var budget = rules.Budget;
        var calendar = rules.Calendar!;

        // The deadline: the missed one once breached; otherwise projected from the moment the clock
        // stopped (or from now) with the business time left. Unknown while paused.
        var projectFrom = stopped ?? now;
        Instant? deadline = _breachedAt
            ?? (paused || (cancelled && stopped is null) ? null : calendar.Deadline(projectFrom, Duration.Max(Duration.Zero, budget - _used)));

        var state = cancelled ? ClockState.Cancelled
            : stopped is not null ? (_breachedAt is null ? ClockState.Met : ClockState.BreachedStopped)
            : _breachedAt is not null ? ClockState.BreachedRunning
            : paused ? ClockState.Paused
            : ClockState.Running;

        var checkpoints = ImmutableArray.CreateBuilder<ClockCheckpoint>(rules.Target!.Checkpoints.Length);
        foreach (var checkpoint in rules.Target.Checkpoints)
        {
            checkpoints.Add(PlaceCheckpoint(checkpoint, state, paused, deadline, calendar, budget, now, knownSince));
        }

        return new Clock
        {
            AgreementId = agreement.Id,
            AgreementKind = agreement.Kind,
            Metric = metric,
            Cycle = number,
            State = state,
            IsPaused = paused,
            PolicyId = rules.Policy?.Id,
            CalendarId = rules.Target.CalendarId,
            Priority = rules.Fields.Priority,
            Started = started,
            Stopped = stopped ?? (cancelled ? _notApplicableSince ?? now : null),
            StopReason = StopReason ?? (cancelled ? "no policy applies any more" : null),
            Used = _used,
            Budget = budget,
            Deadline = deadline,
            BreachedAt = _breachedAt,
            Checkpoints = checkpoints.MoveToImmutable(),
            Explanation = _segments is null ? null : new ClockExplanation([.. _segments], [.. _notes!]),
        };
    }

    private ClockCheckpoint PlaceCheckpoint(Checkpoint checkpoint, ClockState state, bool paused, Instant? deadline,
        Calendars.BusinessCalendar calendar, Duration budget, Instant now, Instant knownSince)
    {
        Instant? at;
        if (checkpoint.Offset.WallClock)
        {
            at = deadline is { } d
                ? (checkpoint.IsEscalation ? d + checkpoint.Offset.Offset : d - checkpoint.Offset.Offset)
                : null;
            // A wall-clock checkpoint after the clock stopped was never reached.
            if (at is { } w && Stopped is { } s && w > s) at = null;
        }
        else if (ReachedAt(checkpoint.Key) is { } reached)
        {
            at = reached;
        }
        else
        {
            var threshold = checkpoint.Offset.UsedAt(budget);
            // Not reached yet: projected from now, so a threshold used up exactly at a closing lies at
            // the next opening, as a deadline does.
            at = state.IsOpen() && !paused ? calendar.Deadline(now, Duration.Max(Duration.Zero, threshold - _used)) : null;
        }

        var checkpointState = at switch
        {
            null when state.IsOpen() => CheckpointState.Suspended,
            null => CheckpointState.NotReached,
            { } a when a > now => CheckpointState.Upcoming,
            { } a when a < knownSince => CheckpointState.Missed,
            _ => CheckpointState.Due,
        };
        return new ClockCheckpoint(checkpoint, at, checkpointState);
    }
}
