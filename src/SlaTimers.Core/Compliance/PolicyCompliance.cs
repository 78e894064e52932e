using System.Collections.Immutable;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// One policy's row within an agreement. <see cref="PolicyId"/> is the policy the clock was under when it
/// stopped (or last evaluated); a policy no longer configured keeps its id with a null <see cref="PolicyName"/>.
/// </summary>
public sealed record PolicyCompliance(
    string? PolicyId,
    string? PolicyName,
    ComplianceFigures Figures,
    ImmutableArray<PriorityCompliance> Priorities);

/// <summary>One priority's row within a policy; <see cref="Priority"/> is null for clocks of tickets without one.</summary>
public sealed record PriorityCompliance(string? Priority, ComplianceFigures Figures);
