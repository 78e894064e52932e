using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// The rules in force for one metric of one agreement while the ticket's fields stay the same. A class, not a
/// struct: it is handed around and kept per segment, and copying a five-reference struct into heap fields
/// (with a write barrier per reference) was a large share of evaluation time.
/// </summary>
internal sealed record SegmentRules(
    Policy? Policy,
    Target? Target,
    BusinessCalendar? Calendar,
    Duration Budget,
    bool HasBudget,
    TicketFields Fields)
{
    public static SegmentRules For(Policy? policy, Metric metric, TicketFields fields, BusinessCalendarCatalog calendars)
    {
        var target = policy?.TargetFor(metric);
        if (target is null) return new SegmentRules(policy, null, null, Duration.Zero, false, fields);
        var hasBudget = target.TryGetBudget(fields.Priority, out var budget);
        calendars.TryGet(target.CalendarId, out var calendar);
        return new SegmentRules(policy, target, calendar, budget, hasBudget, fields);
    }

    public bool IsApplicable => Target is not null && HasBudget && Calendar is not null;

    public SegmentKind Kind => !IsApplicable ? SegmentKind.NotApplicable
        : Target!.IsPausedBy(Fields) ? SegmentKind.Paused
        : SegmentKind.Running;

    /// <summary>The same rules applied to other field values (for time counted retroactively).</summary>
    public SegmentRules WithFields(TicketFields fields) => this with { Fields = fields };

    /// <summary>
    /// Counting under these rules and under <paramref name="other"/> gives the same result: same policy,
    /// target, budget and calendar, and both running, both paused or both not applicable. When explaining,
    /// a change of status also splits, so the explanation shows it.
    /// </summary>
    public bool SameEffectAs(SegmentRules other, bool explaining) =>
        ReferenceEquals(Target, other.Target) && SameRulesAs(other) && Kind == other.Kind
        && (!explaining || (Fields.Status == other.Fields.Status && Fields.StatusName == other.Fields.StatusName));

    public bool SameRulesAs(SegmentRules other) =>
        ReferenceEquals(Policy, other.Policy) && Budget == other.Budget && HasBudget == other.HasBudget
        && ReferenceEquals(Calendar, other.Calendar) && Fields.Priority == other.Fields.Priority;
}
