using NodaTime;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Notifications.Templates;

/// <summary>Which template family a checkpoint uses: a warning, the breach (level 1 at +0), or a later escalation.</summary>
public enum CheckpointKind
{
    Warning,
    Breach,
    Escalation,
}

public static class CheckpointKinds
{
    /// <summary>The same rule as the checkpoint titles: level ≤ 1 at +0 is the breach notice, every other escalation escalates.</summary>
    public static CheckpointKind Of(Checkpoint checkpoint) => !checkpoint.IsEscalation
        ? CheckpointKind.Warning
        : checkpoint.Level <= 1 && checkpoint.Offset.Offset == Duration.Zero ? CheckpointKind.Breach : CheckpointKind.Escalation;

    /// <summary>The name used in template file names and as <c>checkpoint.kind</c>: warning, breach, escalation.</summary>
    public static string ToName(this CheckpointKind kind) => kind switch
    {
        CheckpointKind.Warning => "warning",
        CheckpointKind.Breach => "breach",
        _ => "escalation",
    };
}
