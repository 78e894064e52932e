using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Clocks;

/// <summary>
/// The rules in force for one metric of one agreement while the policy and the priority stay the same. A class, not a
/// struct: it is handed around and kept per segment, and copying a five-reference struct into heap fields
/// (with a write barrier per reference) was a large share of evaluation time.
/// </summary>
/// <remarks>
/// The other field values (the status, which may pause the target) are passed alongside rather than kept
/// here: the rules then only change when the policy or the priority does, so a status change costs no new
/// rules for every open cycle.
/// </remarks>
internal sealed record SegmentRules(
    Policy? Policy,
    Target? Target,
    BusinessCalendar? Calendar,
    Duration Budget,
    bool HasBudget,
    string? Priority)
{
    public static SegmentRules For(Policy? policy, Metric metric, string? priority, BusinessCalendarCatalog calendars)
    {
        var target = policy?.TargetFor(metric);
        if (target is null) return new SegmentRules(policy, null, null, Duration.Zero, false, priority);
        var hasBudget = target.TryGetBudget(priority, out var budget);
        calendars.TryGet(target.CalendarId, out var calendar);
        return new SegmentRules(policy, target, calendar, budget, hasBudget, priority);
    }

    public bool IsApplicable => Target is not null && HasBudget && Calendar is not null;

    /// <summary>How time under these rules counts while the ticket has <paramref name="fields"/>.</summary>
    public SegmentKind KindFor(TicketFields fields) => !IsApplicable ? SegmentKind.NotApplicable
        : Target!.IsPausedBy(fields) ? SegmentKind.Paused
        : SegmentKind.Running;

    /// <summary>
    /// Same policy, target, budget and calendar. (The priority, which sits with the field values, is compared
    /// by the caller.)
    /// </summary>
    public bool SameRulesAs(SegmentRules other) =>
        ReferenceEquals(this, other)
        || (ReferenceEquals(Policy, other.Policy) && ReferenceEquals(Target, other.Target) && Budget == other.Budget
            && HasBudget == other.HasBudget && ReferenceEquals(Calendar, other.Calendar));
}
