using System.Collections.Immutable;

namespace SlaTimers.Core.Agreements;

/// <summary>
/// A warning before a deadline or an escalation level after it, with whom to notify.
/// <see cref="Level"/> is 0 for warnings and 1, 2, … for escalation levels.
/// </summary>
public sealed record Checkpoint(CheckpointOffset Offset, ImmutableArray<RecipientRef> Recipients, int Level = 0)
{
    public bool IsEscalation => Offset.IsEscalation;

    /// <summary>
    /// A stable key within the target, used in notification keys: <c>warn-75%</c>, <c>escalate-1</c>.
    /// Computed once (clock evaluation asks for it on every segment).
    /// </summary>
    public string Key { get; } = Offset.IsEscalation ? $"escalate-{Level}" : $"warn-{Offset.ToString().Replace(' ', '-')}";
}
