namespace SlaTimers.Core.Clocks;

/// <summary>Where a clock stands.</summary>
public enum ClockState
{
    /// <summary>Counting business time toward its deadline.</summary>
    Running,

    /// <summary>Stopped for now by a pausing status; no deadline until it resumes.</summary>
    Paused,

    /// <summary>Completed within its budget.</summary>
    Met,

    /// <summary>Past its deadline and not yet completed.</summary>
    BreachedRunning,

    /// <summary>Completed after its deadline.</summary>
    BreachedStopped,

    /// <summary>Ended without a result: the ticket was merged or deleted, or no policy applies any more.</summary>
    Cancelled,
}

/// <summary>Where a checkpoint stands at the moment of evaluation.</summary>
public enum CheckpointState
{
    /// <summary>Its instant is still ahead.</summary>
    Upcoming,

    /// <summary>Its instant has come while the ticket was known: it is (or was) to be notified.</summary>
    Due,

    /// <summary>Its instant passed before the ticket was known (an import): reported, never notified as new.</summary>
    Missed,

    /// <summary>The clock is paused or not applicable: no instant for now.</summary>
    Suspended,

    /// <summary>The clock stopped before the checkpoint was reached.</summary>
    NotReached,
}

public static class ClockStates
{
    public static bool IsOpen(this ClockState state) => state is ClockState.Running or ClockState.Paused or ClockState.BreachedRunning;

    public static bool IsBreached(this ClockState state) => state is ClockState.BreachedRunning or ClockState.BreachedStopped;

    /// <summary>The configuration/JSON spelling: <c>breached-running</c>.</summary>
    public static string ToDisplayName(this ClockState state) => state switch
    {
        ClockState.BreachedRunning => "breached-running",
        ClockState.BreachedStopped => "breached-stopped",
        _ => state.ToString().ToLowerInvariant(),
    };
}
