using System.Runtime.InteropServices;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Text;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// One cycle of one metric while the timeline is replayed: counts business time segment by segment with
/// the rules in force, notes when the breach and each business-time checkpoint were reached, and turns
/// into a <see cref="Clock"/> at the end. Trackers are reused from one evaluation to the next (see
/// <see cref="TrackerPool"/>): <see cref="Begin"/> sets every field.
/// </summary>
internal sealed class CycleTracker
{
    private Agreement _agreement = null!;
    private Metric _metric;
    private int _number;
    private Instant _started;

    private Duration _used;
    private Instant? _breachedAt;
    private readonly List<(string Key, Instant At)> _reached = new(4); // checkpoints reached so far: a handful at most
    private readonly List<(Instant From, Instant To, TicketFields Fields)> _waiting = []; // before any policy applied
    private bool _everApplicable;
    private SegmentRules? _lastRules;
    private string? _lastPriority;

    // The stretch held back for merging (none while _pendingRules is null). Separate fields rather than one
    // nullable tuple: extending the stretch then writes one instant, not the whole tuple.
    private SegmentRules? _pendingRules;
    private TicketFields _pendingFields = null!;
    private SegmentKind _pendingKind;
    private Instant _pendingFrom, _pendingTo;

    private Instant? _notApplicableSince;
    private List<ClockSegment>? _segments; // only when explaining
    private List<ClockNote>? _notes;

    /// <summary>Makes this tracker a new cycle: every field is set here, so nothing of a previous cycle remains.</summary>
    public void Begin(Agreement agreement, Metric metric, int number, Instant started, bool explain)
    {
        _agreement = agreement;
        _metric = metric;
        _number = number;
        _started = started;
        _used = Duration.Zero;
        _breachedAt = null;
        _reached.Clear();
        _waiting.Clear();
        _everApplicable = false;
        _lastRules = null;
        _lastPriority = null;
        _pendingRules = null;
        _pendingFields = null!;
        _pendingKind = default;
        _pendingFrom = _pendingTo = default;
        _notApplicableSince = null;
        // Explanations are handed out with the clock, so each explained cycle gets lists of its own.
        _segments = explain ? [] : null;
        _notes = explain ? [] : null;
        Stopped = null;
        StopReason = null;
        Cancelled = false;
    }

    public Metric Metric => _metric;
    public Instant? Stopped { get; private set; }
    public string? StopReason { get; private set; }
    public bool Cancelled { get; private set; }
    public bool IsOpen => Stopped is null;

    /// <summary>
    /// Counts [<paramref name="from"/>, <paramref name="to"/>) under <paramref name="rules"/>. Time before the
    /// cycle first falls under a policy (e.g. until triage sets the priority) is counted once it does, with
    /// the first rules that apply — as the major helpdesks measure from creation.
    /// </summary>
    public void Advance(Instant from, Instant to, SegmentRules rules, TicketFields fields)
    {
        if (to < from) return;
        if (!_everApplicable)
        {
            if (!rules.IsApplicable)
            {
                if (to > from) _waiting.Add((from, to, fields));
                return;
            }
            _everApplicable = true;
            foreach (var (waitFrom, waitTo, waitFields) in _waiting)
            {
                Count(waitFrom, waitTo, rules, waitFields, rules.KindFor(waitFields));
            }
            _waiting.Clear();
        }
        // Stretches under the same rules (a message, a tag change) are counted as one: one elapsed-time
        // query instead of several, with the same result since business time adds up.
        var adjoins = _pendingRules is not null && _pendingTo == from;
        // The very same rules and field values (after a message): no need to ask the target whether it pauses.
        if (adjoins && ReferenceEquals(rules, _pendingRules) && ReferenceEquals(fields, _pendingFields))
        {
            _pendingTo = to;
            return;
        }
        var kind = rules.KindFor(fields);
        if (adjoins && SameEffect(rules, fields, kind))
        {
            _pendingTo = to;
            return;
        }
        Flush();
        Hold(from, to, rules, fields, kind);
    }

    /// <summary>
    /// Counting under these rules and under the held-back ones gives the same result: same policy, target,
    /// budget, calendar and priority, and both running, both paused or both not applicable. When explaining,
    /// a change of status also splits, so the explanation shows it.
    /// </summary>
    private bool SameEffect(SegmentRules rules, TicketFields fields, SegmentKind kind) =>
        kind == _pendingKind && rules.SameRulesAs(_pendingRules!) && fields.Priority == _pendingFields.Priority
        && (_segments is null || (fields.Status == _pendingFields.Status && fields.StatusName == _pendingFields.StatusName));

    private void Hold(Instant from, Instant to, SegmentRules rules, TicketFields fields, SegmentKind kind)
    {
        _pendingFrom = from;
        _pendingTo = to;
        _pendingRules = rules;
        _pendingFields = fields;
        _pendingKind = kind;
    }

    /// <summary>Counts the stretch held back for merging.</summary>
    private void Flush()
    {
        if (_pendingRules is not { } rules) return;
        _pendingRules = null;
        Count(_pendingFrom, _pendingTo, rules, _pendingFields, _pendingKind);
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
    private void Count(Instant from, Instant to, SegmentRules rules, TicketFields fields, SegmentKind kind)
    {
        if (kind == SegmentKind.NotApplicable) _notApplicableSince ??= from;
        else
        {
            _notApplicableSince = null;
            BringIntoForce(from, rules, fields.Priority);
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
                if (checkpoint.Offset.WallClock) continue;
                var threshold = checkpoint.Offset.UsedAt(rules.Budget);
                if (after > threshold && !HasReached(checkpoint))
                {
                    Reach(checkpoint, calendar.Deadline(from, threshold - before));
                }
            }
            _used = after;
        }
        _segments?.Add(new ClockSegment(from, to, kind, rules.Policy?.Id, fields.Priority,
            rules.HasBudget ? rules.Budget : null, rules.Target?.CalendarId, used, fields.StatusName ?? fields.Status.ToConfigName()));
    }

    /// <summary>
    /// New rules (policy, priority, calendar) take over at <paramref name="at"/>: the time already used is
    /// kept, so a smaller budget it already exceeds is breached there, and thresholds already passed are
    /// reached there. A breach that happened stays a fact even if a later change raises the budget again.
    /// </summary>
    private void BringIntoForce(Instant at, SegmentRules rules, string? priority)
    {
        // The rules in force already: all time counted since was checked against them as it was counted.
        if (ReferenceEquals(rules, _lastRules) && priority == _lastPriority) return;
        if (_notes is not null && _lastRules?.Target is not null && (!rules.SameRulesAs(_lastRules) || priority != _lastPriority))
        {
            NoteRuleChange(at, _lastRules, _lastPriority, rules, priority);
        }
        _lastRules = rules;
        _lastPriority = priority;
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
        foreach (var (reachedKey, at) in CollectionsMarshal.AsSpan(_reached))
        {
            if (ReferenceEquals(reachedKey, key) || reachedKey == key) return at;
        }
        return null;
    }

    private void Reach(Checkpoint checkpoint, Instant at) => _reached.Add((checkpoint.Key, at));

    private void NoteRuleChange(Instant at, SegmentRules old, string? oldPriority, SegmentRules now, string? priority)
    {
        if (_notes is null) return;
        if (!ReferenceEquals(old.Policy, now.Policy))
        {
            _notes.Add(new ClockNote(at, $"re-matched: policy '{old.Policy?.Id}' → '{now.Policy?.Id ?? "(none)"}'"));
        }
        if (oldPriority != priority)
        {
            _notes.Add(new ClockNote(at, $"priority {oldPriority ?? "(none)"} → {priority ?? "(none)"}"));
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
    /// <param name="current">The rules in force now, for an open cycle (null once stopped).</param>
    /// <param name="fields">The ticket's field values now.</param>
    public Clock? ToClock(Instant now, SegmentRules? current, TicketFields fields, Instant knownSince)
    {
        Flush();
        if (!_everApplicable) return null;
        var applies = current is { IsApplicable: true };
        var rules = applies ? current! : _lastRules!;
        var stopped = Stopped;
        var cancelled = Cancelled || (stopped is null && !applies);
        var paused = stopped is null && !cancelled && current!.KindFor(fields) == SegmentKind.Paused;
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

        var definitions = rules.Target!.Checkpoints;
        var checkpoints = new ClockCheckpoint[definitions.Length];
        for (var i = 0; i < checkpoints.Length; i++)
        {
            checkpoints[i] = PlaceCheckpoint(definitions[i], state, paused, deadline, calendar, budget, now, knownSince);
        }

        return new Clock
        {
            AgreementId = _agreement.Id,
            AgreementKind = _agreement.Kind,
            Metric = _metric,
            Cycle = _number,
            State = state,
            IsPaused = paused,
            PolicyId = rules.Policy?.Id,
            CalendarId = rules.Target.CalendarId,
            Priority = applies ? fields.Priority : _lastPriority,
            Started = _started,
            Stopped = stopped ?? (cancelled ? _notApplicableSince ?? now : null),
            StopReason = StopReason ?? (cancelled ? "no policy applies any more" : null),
            Used = _used,
            Budget = budget,
            Deadline = deadline,
            BreachedAt = _breachedAt,
            // The array is handed over, never written again: wrapping it saves a builder and a copy.
            Checkpoints = ImmutableCollectionsMarshal.AsImmutableArray(checkpoints),
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
