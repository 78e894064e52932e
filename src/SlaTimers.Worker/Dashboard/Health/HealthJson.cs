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
///   "timers": { "overdue": 0, "lagSeconds": 0, "late": false } }
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

        var timers = report.Entries.GetValueOrDefault(TimersHealthCheck.Name);
        json.WriteStartObject("timers");
        if (timers.Data?.GetValueOrDefault(TimersHealthCheck.BacklogKey) is TimerBacklog backlog
            && timers.Data.GetValueOrDefault(TimersHealthCheck.LagKey) is Duration lag)
        {
            json.WriteNumber("overdue", backlog.Overdue);
            json.WriteNumber("lagSeconds", Math.Round(lag.TotalSeconds, 1));
            json.WriteBoolean("late", timers.Status != HealthStatus.Healthy);
        }
        else
        {
            json.WriteNull("overdue");
            json.WriteNull("lagSeconds");
            json.WriteNull("late");
        }
        json.WriteEndObject();

        var deliveries = report.Entries.GetValueOrDefault(DeliveriesHealthCheck.Name);
        json.WriteStartObject("deliveries");
        if (deliveries.Data?.GetValueOrDefault(DeliveriesHealthCheck.BacklogKey) is DeliveryBacklog waiting
            && deliveries.Data.GetValueOrDefault(DeliveriesHealthCheck.LagKey) is Duration deliveryLag)
        {
            json.WriteNumber("waiting", waiting.Waiting);
            json.WriteNumber("retrying", waiting.Retrying);
            json.WriteNumber("lagSeconds", Math.Round(deliveryLag.TotalSeconds, 1));
            json.WriteBoolean("late", deliveries.Status != HealthStatus.Healthy);
        }
        else
        {
            json.WriteNull("waiting");
            json.WriteNull("retrying");
            json.WriteNull("lagSeconds");
            json.WriteNull("late");
        }
        json.WriteEndObject();
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
