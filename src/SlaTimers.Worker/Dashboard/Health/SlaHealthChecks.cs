using System.Text.RegularExpressions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;

namespace SlaTimers.Worker.Dashboard.Health;

/// <summary>The store answers: healthy with the ledger's counts, else unhealthy (the endpoint answers 503).</summary>
public sealed class StorageHealthCheck(ISlaQueries queries, IClock clock, DateTimeZone zone) : IHealthCheck
{
    public const string Name = "storage";
    public const string CountsKey = "counts";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var today = new DashboardTime(zone, clock.GetCurrentInstant()).TodayPeriod;
            var counts = await queries.GetCountsAsync(today.Start, cancellationToken);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { [CountsKey] = counts });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(SafeError.Of(e), e);
        }
    }
}

/// <summary>Every configured helpdesk synced within its stale limit: healthy; one or more stale: degraded.</summary>
public sealed class HelpdesksHealthCheck(ISlaQueries queries, ITicketSourceRegistry helpdesks, IClock clock, Instant workerStarted) : IHealthCheck
{
    public const string Name = "helpdesks";
    public const string StatusKey = "helpdesks";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = await queries.GetSyncStatesAsync(cancellationToken);
        var statuses = HelpdeskStatus.Of(helpdesks.Helpdesks, states, clock.GetCurrentInstant(), workerStarted);
        var data = new Dictionary<string, object> { [StatusKey] = statuses };
        var stale = statuses.Where(s => s.Stale).Select(s => s.Name).ToList();
        return stale.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"no recent sync: {string.Join(", ", stale)}", data: data);
    }
}

/// <summary>
/// Work that should have been done by now: healthy while the longest-waiting item has waited at most its
/// <c>LateAfter</c>, degraded after — late, not down. The report's data carry the backlog and its lag for
/// <see cref="HealthJson"/>. A store that does not answer fails the storage check as well.
/// </summary>
public abstract class BacklogHealthCheck<T>(IClock clock, Duration lateAfter) : IHealthCheck
    where T : Backlog
{
    public const string BacklogKey = "backlog";
    public const string LagKey = "lag";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var backlog = await ReadAsync(now, cancellationToken);
        var lag = backlog.Lag(now);
        var data = new Dictionary<string, object> { [BacklogKey] = backlog, [LagKey] = lag };
        return !backlog.IsLate(now, lateAfter)
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(Describe(backlog, $"{Math.Round(lag.TotalSeconds)} s"), data: data);
    }

    protected abstract Task<T> ReadAsync(Instant now, CancellationToken cancellationToken);

    protected abstract string Describe(T backlog, string lag);
}

/// <summary>
/// Timers fire on time: healthy; one waiting longer than <c>Timers:LateAfter</c> past its instant (see
/// <see cref="TimerBacklog"/>): degraded — warnings go out late.
/// </summary>
public sealed class TimersHealthCheck(ISlaQueries queries, IClock clock, Duration lateAfter) : BacklogHealthCheck<TimerBacklog>(clock, lateAfter)
{
    public const string Name = "timers";

    protected override Task<TimerBacklog> ReadAsync(Instant now, CancellationToken cancellationToken) => queries.GetTimerBacklogAsync(now, cancellationToken);

    protected override string Describe(TimerBacklog backlog, string lag) => $"timers {lag} behind their instants ({backlog.Overdue} overdue)";
}

/// <summary>
/// Notifications go out on time: healthy; one waiting longer than <c>Delivery:LateAfter</c> past its instant (see
/// <see cref="DeliveryBacklog"/>): degraded — a channel keeps failing, or deliveries cannot keep up. Held ones (quiet
/// hours, an open digest window) do not count.
/// </summary>
public sealed class DeliveriesHealthCheck(ISlaQueries queries, IClock clock, Duration lateAfter, DigestHold? digest)
    : BacklogHealthCheck<DeliveryBacklog>(clock, lateAfter)
{
    public const string Name = "deliveries";

    protected override Task<DeliveryBacklog> ReadAsync(Instant now, CancellationToken cancellationToken) =>
        queries.GetDeliveryBacklogAsync(now, digest, cancellationToken);

    protected override string Describe(DeliveryBacklog backlog, string lag) =>
        $"notifications {lag} behind their instants ({backlog.Waiting} waiting, {backlog.Retrying} of them retrying after a failure)";
}

/// <summary>An error as the health endpoint may show it: type and message, any <c>password=…</c> blanked out.</summary>
public static partial class SafeError
{
    public static string Of(Exception e) => Secrets().Replace($"{e.GetType().Name}: {e.Message}", "$1=***");

    [GeneratedRegex(@"\b(password|pwd|secret|token|apikey|api_key)\s*=\s*[^;,\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();
}
