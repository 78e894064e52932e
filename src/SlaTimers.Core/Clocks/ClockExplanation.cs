using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Clocks;

/// <summary>What a stretch of a clock's life counted as.</summary>
public enum SegmentKind
{
    /// <summary>Business time counted (only inside the calendar's open hours).</summary>
    Running,

    /// <summary>A pausing status held.</summary>
    Paused,

    /// <summary>No policy (or no target for this metric, or no budget for the priority) applied.</summary>
    NotApplicable,
}

/// <summary>A stretch [From, To) of a clock with the rules in force and the business time it used.</summary>
public sealed record ClockSegment(
    Instant From,
    Instant To,
    SegmentKind Kind,
    string? PolicyId,
    string? Priority,
    Duration? Budget,
    string? CalendarId,
    Duration Used,
    string? Status);

/// <summary>Something that happened to a clock: a re-match, a budget change, a reopen, the breach, the stop.</summary>
public sealed record ClockNote(Instant At, string Text);

/// <summary>How a clock's numbers came about: its segments and what happened along the way.</summary>
public sealed record ClockExplanation(ImmutableArray<ClockSegment> Segments, ImmutableArray<ClockNote> Notes);
