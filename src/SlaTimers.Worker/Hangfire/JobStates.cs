using Hangfire;
using Hangfire.States;

namespace SlaTimers.Worker.Hangfire;

/// <summary>Whether a Hangfire job will still run.</summary>
public interface IJobStates
{
    /// <summary>True while the job is scheduled, enqueued, awaiting or processing; false when it ended or is gone.</summary>
    bool IsPending(string jobId);
}

/// <summary>Job states from Hangfire's storage (every instance sees the same).</summary>
public sealed class HangfireJobStates(JobStorage storage) : IJobStates
{
    private static readonly HashSet<string> Pending =
        [ScheduledState.StateName, EnqueuedState.StateName, AwaitingState.StateName, ProcessingState.StateName];

    public bool IsPending(string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetJobData(jobId)?.State is { } state && Pending.Contains(state);
    }
}
