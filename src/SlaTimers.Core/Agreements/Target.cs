using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Agreements;

/// <summary>What a reopened ticket does to a stopped resolution clock.</summary>
public enum ReopenBehaviour
{
    /// <summary>The old clock runs on with the business time it had used.</summary>
    Resume,

    /// <summary>The old clock stays as it ended; a new cycle starts at the reopen.</summary>
    Restart,
}

/// <summary>
/// One target of a policy: a metric, a budget per priority, the calendar its business time is counted in,
/// the statuses that pause it, what a reopen does, and its checkpoints.
/// </summary>
public sealed record Target(
    Metric Metric,
    ImmutableDictionary<string, Duration> Budgets,
    string CalendarId,
    ImmutableArray<string> PauseStatuses,
    ReopenBehaviour OnReopen,
    ImmutableArray<Checkpoint> Checkpoints)
{
    /// <summary>The budget key that applies to priorities without their own budget.</summary>
    public const string DefaultBudgetKey = "default";

    public bool TryGetBudget(string? priority, out Duration budget) =>
        Budgets.TryGetValue(priority ?? DefaultBudgetKey, out budget) || Budgets.TryGetValue(DefaultBudgetKey, out budget);

    /// <summary>True when the ticket's status pauses this target: by category (<c>pending</c>) or the helpdesk's name.</summary>
    public bool IsPausedBy(TicketFields fields)
    {
        foreach (var status in PauseStatuses)
        {
            if (string.Equals(status, fields.Status.ToConfigName(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(status, fields.StatusName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
