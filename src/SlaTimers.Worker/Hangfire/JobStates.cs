using Hangfire;
using Hangfire.States;

namespace SlaTimers.Worker.Hangfire;

/// <summary>Where a Hangfire job stands.</summary>
public interface IJobStates
{
    /// <summary>The job's state name (Hangfire's), or null when the job is gone.</summary>
    string? StateOf(string jobId);
}

public static class JobStates
{
    private static readonly HashSet<string> Pending =
        [ScheduledState.StateName, EnqueuedState.StateName, AwaitingState.StateName, ProcessingState.StateName];

    /// <summary>True while the job is scheduled, enqueued, awaiting or processing; false when it ended or is gone.</summary>
    public static bool IsPending(string? state) => state is not null && Pending.Contains(state);
}

/// <summary>Job states from Hangfire's storage (every instance sees the same).</summary>
public sealed class HangfireJobStates(JobStorage storage) : IJobStates
{
    public string? StateOf(string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }
}
