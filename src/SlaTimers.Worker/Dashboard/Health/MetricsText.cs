using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;

namespace SlaTimers.Worker.Dashboard.Health;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (0.0.4), read from the store at each scrape:
/// <c>slatimers_storage_up</c>, <c>slatimers_open_clocks{state}</c>, <c>slatimers_breached_today</c> (since
/// midnight in the display zone), <c>slatimers_notifications{state}</c>, and per configured helpdesk
/// <c>slatimers_sync_lag_seconds</c> (since its last successful sync; absent before the first),
/// <c>slatimers_sync_last_success_timestamp_seconds</c> and <c>slatimers_sync_stale</c>; <c>slatimers_timers_overdue</c>
/// and <c>slatimers_timer_lag_seconds</c> (see <see cref="TimerBacklog"/>); <c>slatimers_deliveries_waiting</c>,
/// <c>slatimers_deliveries_retrying</c> and <c>slatimers_delivery_lag_seconds</c> (see <see cref="DeliveryBacklog"/>). When the store does not answer, only
/// <c>slatimers_storage_up 0</c> is written (and the scrape still succeeds, so an alert can fire on it).
/// </summary>
/// <param name="digest">The notifications a digest holds (<see cref="Delivery.DeliveryTiming.Digest"/>), so their window is not counted as lag.</param>
public sealed partial class MetricsText(DateTimeZone zone, Instant workerStarted, DigestHold? digest, ILogger<MetricsText> logger)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public async Task WriteAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var text = await RenderAsync(
            services.GetRequiredService<ISlaQueries>(), services.GetRequiredService<ITicketSourceRegistry>(),
            services.GetRequiredService<IClock>().GetCurrentInstant(), http.RequestAborted);
        http.Response.ContentType = ContentType;
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(text, http.RequestAborted);
    }

    public async Task<string> RenderAsync(ISlaQueries queries, ITicketSourceRegistry helpdesks, Instant now, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        SlaCounts counts;
        IReadOnlyList<SyncState> states;
        TimerBacklog timers;
        DeliveryBacklog deliveries;
        try
        {
            counts = await queries.GetCountsAsync(new DashboardTime(zone, now).TodayPeriod.Start, cancellationToken);
            states = await queries.GetSyncStatesAsync(cancellationToken);
            timers = await queries.GetTimerBacklogAsync(now, cancellationToken);
            deliveries = await queries.GetDeliveryBacklogAsync(now, digest, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStorageDown(e);
            Gauge(text, "slatimers_storage_up", "1 when the store answered this scrape, else 0.", [("", 0)]);
            return text.ToString();
        }

        Gauge(text, "slatimers_storage_up", "1 when the store answered this scrape, else 0.", [("", 1)]);
        Gauge(text, "slatimers_open_clocks", "Open SLA clocks by state.",
            [.. new[] { ClockState.Running, ClockState.Paused, ClockState.BreachedRunning }
                .Select(s => (Label("state", s.ToDisplayName()), (double)counts.OpenClocks.GetValueOrDefault(s)))]);
        Gauge(text, "slatimers_breached_today", $"Clocks whose deadline was missed since midnight ({zone.Id}).", [("", counts.BreachedSince)]);
        Gauge(text, "slatimers_notifications", "Notifications in the ledger by delivery state.",
            [.. Enum.GetValues<DeliveryState>().Select(s => (Label("state", s.ToString().ToLowerInvariant()), (double)counts.Notifications.GetValueOrDefault(s)))]);

        var statuses = HelpdeskStatus.Of(helpdesks.Helpdesks, states, now, workerStarted);
        Gauge(text, "slatimers_sync_lag_seconds", "Seconds since the helpdesk's last successful sync.",
            [.. statuses.Where(s => s.LastSuccess is not null).Select(s => (Label("helpdesk", s.Name), s.Lag(now)!.Value.TotalSeconds))]);
        Gauge(text, "slatimers_sync_last_success_timestamp_seconds", "Unix time of the helpdesk's last successful sync.",
            [.. statuses.Where(s => s.LastSuccess is not null).Select(s => (Label("helpdesk", s.Name), s.LastSuccess!.Value.ToUnixTimeTicks() / (double)NodaConstants.TicksPerSecond))]);
        Gauge(text, "slatimers_sync_stale", $"1 when the helpdesk had no successful sync within {HelpdeskStatus.StaleAfter} poll intervals.",
            [.. statuses.Select(s => (Label("helpdesk", s.Name), s.Stale ? 1d : 0d))]);
        Gauge(text, "slatimers_timers_overdue", "Timers past their instant that have not fired yet.", [("", timers.Overdue)]);
        Gauge(text, "slatimers_timer_lag_seconds", "Seconds the longest-waiting overdue timer has waited (0 when none is overdue).",
            [("", timers.Lag(now).TotalSeconds)]);
        Gauge(text, "slatimers_deliveries_waiting", "Notifications past their instant (and any digest window) not delivered yet.", [("", deliveries.Waiting)]);
        Gauge(text, "slatimers_deliveries_retrying", "Of those, notifications that failed at least once and wait for a retry.", [("", deliveries.Retrying)]);
        Gauge(text, "slatimers_delivery_lag_seconds", "Seconds the longest-waiting of those has waited (0 when none waits).",
            [("", deliveries.Lag(now).TotalSeconds)]);
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, IReadOnlyList<(string Labels, double Value)> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var (labels, value) in samples)
        {
            text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary><c>{name="value"}</c>, the value escaped as the format asks (backslash, double quote, line feed).</summary>
    public static string Label(string name, string value) =>
        $"{{{name}=\"{value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal)}\"}}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics: the store did not answer.")]
    private partial void LogStorageDown(Exception e);
}
