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
/// Timers fire on time: healthy; one waiting longer than <c>Timers:LateAfter</c> past its instant (see
/// <see cref="TimerBacklog"/>): degraded — warnings go out late. A store that does not answer fails the storage check.
/// </summary>
public sealed class TimersHealthCheck(ISlaQueries queries, IClock clock, Duration lateAfter) : IHealthCheck
{
    public const string Name = "timers";
    public const string BacklogKey = "backlog";
    public const string LagKey = "lag";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var backlog = await queries.GetTimerBacklogAsync(now, cancellationToken);
        var lag = backlog.Lag(now);
        var data = new Dictionary<string, object> { [BacklogKey] = backlog, [LagKey] = lag };
        return !backlog.IsLate(now, lateAfter)
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"timers {Math.Round(lag.TotalSeconds)} s behind their instants ({backlog.Overdue} overdue)", data: data);
    }
}

/// <summary>
/// Notifications go out on time: healthy; one waiting longer than <c>Delivery:LateAfter</c> past its instant (see
/// <see cref="DeliveryBacklog"/>): degraded — a channel keeps failing, or deliveries cannot keep up. Held ones (quiet
/// hours, an open digest window) do not count. A store that does not answer fails the storage check.
/// </summary>
public sealed class DeliveriesHealthCheck(ISlaQueries queries, IClock clock, Duration lateAfter, DigestHold? digest) : IHealthCheck
{
    public const string Name = "deliveries";
    public const string BacklogKey = "backlog";
    public const string LagKey = "lag";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var backlog = await queries.GetDeliveryBacklogAsync(now, digest, cancellationToken);
        var lag = backlog.Lag(now);
        var data = new Dictionary<string, object> { [BacklogKey] = backlog, [LagKey] = lag };
        return !backlog.IsLate(now, lateAfter)
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(
                $"notifications {Math.Round(lag.TotalSeconds)} s behind their instants ({backlog.Waiting} waiting, {backlog.Retrying} of them retrying after a failure)",
                data: data);
    }
}

/// <summary>An error as the health endpoint may show it: type and message, any <c>password=…</c> blanked out.</summary>
public static partial class SafeError
{
    public static string Of(Exception e) => Secrets().Replace($"{e.GetType().Name}: {e.Message}", "$1=***");

    [GeneratedRegex(@"\b(password|pwd|secret|token|apikey|api_key)\s*=\s*[^;,\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex Secrets();
}
