using System.Collections.Immutable;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Agreements;

/// <summary>Conditions and the targets that apply while they hold. Within an agreement the first match wins.</summary>
public sealed record Policy(string Id, string Name, ImmutableArray<Condition> Conditions, ImmutableArray<Target> Targets)
{
    public bool Matches(TicketFields fields)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(fields)) return false;
        }
        return true;
    }

    public Target? TargetFor(Metric metric)
    {
        foreach (var target in Targets)
        {
            if (target.Metric == metric) return target;
        }
        return null;
    }
}
