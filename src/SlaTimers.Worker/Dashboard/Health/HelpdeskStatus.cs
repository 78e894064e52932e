using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Sync;

namespace SlaTimers.Worker.Dashboard.Health;

/// <summary>
/// A configured helpdesk's sync health: its last success, attempt and error, and whether it is stale — no success
/// within <see cref="StaleAfter"/> poll intervals (the interval its cron schedule really runs at). Before its
/// first success since the worker started, the time counts from the start, so a restart is not reported stale.
/// </summary>
public sealed record HelpdeskStatus(string Name, Instant? LastSuccess, Instant? LastAttempt, string? LastError, bool Stale)
{
    public const int StaleAfter = 3;

    /// <summary>How long ago the last successful sync was; null before any.</summary>
    public Duration? Lag(Instant now) => now - LastSuccess;

    /// <summary>One status per configured helpdesk, in configuration order.</summary>
    public static IReadOnlyList<HelpdeskStatus> Of(IEnumerable<HelpdeskDescriptor> helpdesks, IEnumerable<SyncState> states, Instant now, Instant workerStarted)
    {
        var byName = states.ToDictionary(s => s.Source, StringComparer.OrdinalIgnoreCase);
        return [.. helpdesks.Select(h => Of(h, byName.GetValueOrDefault(h.Name), now, workerStarted))];
    }

    public static HelpdeskStatus Of(HelpdeskDescriptor helpdesk, SyncState? state, Instant now, Instant workerStarted)
    {
        var interval = Duration.FromTimeSpan(PollIntervalCron.Effective(helpdesk.PollInterval));
        var since = state?.LastSuccess is { } success && success > workerStarted ? success : workerStarted;
        return new HelpdeskStatus(helpdesk.Name, state?.LastSuccess, state?.LastAttempt, state?.LastError, now - since > interval * StaleAfter);
    }
}
