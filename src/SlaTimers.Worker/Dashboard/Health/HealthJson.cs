using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;

namespace SlaTimers.Worker.Dashboard.Health;

/// <summary>
/// The body of <c>/healthz</c>:
/// <code>
/// { "status": "healthy" | "degraded" | "unhealthy",
///   "storage": { "ok": true } | { "ok": false, "error": "…" },
///   "helpdesks": [ { "name", "lastSuccess", "lastAttempt", "lastError", "stale" } ],
///   "notifications": { "failed": 0, "pending": 2 },
///   "timers": { "overdue": 0, "lagSeconds": 0, "late": false },
///   "deliveries": { "waiting": 0, "retrying": 0, "lagSeconds": 0, "late": false } }
/// </code>
/// Instants are ISO-8601 UTC; null when unknown (never synced, or the store did not answer). "pending" counts the
/// notifications not yet delivered nor failed (waiting or being sent). "timers": how many are past their instant
/// unfired, how long the longest has waited, and whether that passes <c>Timers:LateAfter</c> (null when the store did
/// not answer). No setting or secret is ever written.
/// </summary>
public static class HealthJson
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Indented = true });
        Write(json, report);
        await json.FlushAsync(http.RequestAborted);
    }

    public static void Write(Utf8JsonWriter json, HealthReport report)
    {
        json.WriteStartObject();
        json.WriteString("status", StatusName(report.Status));

        var storage = report.Entries.GetValueOrDefault(StorageHealthCheck.Name);
        json.WriteStartObject("storage");
        json.WriteBoolean("ok", storage.Status == HealthStatus.Healthy);
        if (storage.Status != HealthStatus.Healthy) json.WriteString("error", storage.Description ?? "the check did not run");
        json.WriteEndObject();

        json.WriteStartArray("helpdesks");
        if (report.Entries.GetValueOrDefault(HelpdesksHealthCheck.Name).Data?.GetValueOrDefault(HelpdesksHealthCheck.StatusKey) is IReadOnlyList<HelpdeskStatus> helpdesks)
        {
            foreach (var helpdesk in helpdesks)
            {
                json.WriteStartObject();
                json.WriteString("name", helpdesk.Name);
                WriteInstant(json, "lastSuccess", helpdesk.LastSuccess);
                WriteInstant(json, "lastAttempt", helpdesk.LastAttempt);
                json.WriteString("lastError", helpdesk.LastError);
                json.WriteBoolean("stale", helpdesk.Stale);
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();

        json.WriteStartObject("notifications");
        if (storage.Data?.GetValueOrDefault(StorageHealthCheck.CountsKey) is SlaCounts counts)
        {
            json.WriteNumber("failed", counts.Notifications.GetValueOrDefault(DeliveryState.Failed));
            json.WriteNumber("pending", counts.Notifications.GetValueOrDefault(DeliveryState.Pending) + counts.Notifications.GetValueOrDefault(DeliveryState.Sending));
        }
        else
        {
            json.WriteNull("failed");
            json.WriteNull("pending");
        }
        json.WriteEndObject();

        WriteBacklog<TimerBacklog>(json, TimersHealthCheck.Name, report, ("overdue", t => t.Overdue));
        WriteBacklog<DeliveryBacklog>(json, DeliveriesHealthCheck.Name, report, ("waiting", d => d.Waiting), ("retrying", d => d.Retrying));
        json.WriteEndObject();
    }

    /// <summary>A <see cref="BacklogHealthCheck{T}"/>'s object: its counts, <c>lagSeconds</c> and <c>late</c>; all null when the store did not answer.</summary>
    private static void WriteBacklog<T>(Utf8JsonWriter json, string check, HealthReport report, params (string Name, Func<T, int> Count)[] counts)
        where T : Backlog
    {
        var entry = report.Entries.GetValueOrDefault(check);
        json.WriteStartObject(check);
        if (entry.Data?.GetValueOrDefault(BacklogHealthCheck<T>.BacklogKey) is T backlog
            && entry.Data.GetValueOrDefault(BacklogHealthCheck<T>.LagKey) is Duration lag)
        {
            foreach (var (name, count) in counts) json.WriteNumber(name, count(backlog));
            json.WriteNumber("lagSeconds", Math.Round(lag.TotalSeconds, 1));
            json.WriteBoolean("late", entry.Status != HealthStatus.Healthy);
        }
        else
        {
            foreach (var (name, _) in counts) json.WriteNull(name);
            json.WriteNull("lagSeconds");
            json.WriteNull("late");
        }
        json.WriteEndObject();
    }

    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static void WriteInstant(Utf8JsonWriter json, string name, Instant? instant)
    {
        if (instant is { } i) json.WriteString(name, InstantPattern.ExtendedIso.Format(i));
        else json.WriteNull(name);
    }
}
