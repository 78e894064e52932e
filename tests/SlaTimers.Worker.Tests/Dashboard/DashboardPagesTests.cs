using System.Net;
using System.Text.Json;
using static SlaTimers.Worker.Tests.Dashboard.LocalDashboardFixture;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>The SLA pages, <c>/healthz</c> and <c>/metrics</c> of a running worker, over HTTP from this machine (a local request).</summary>
[Collection(LocalDashboard.Name)]
public sealed class DashboardPagesTests(LocalDashboardFixture fixture)
{
    [Fact]
    public async Task AtRisk_ListsTheSyncedTickets_WithEveryTicketTextEncoded_AndOnlyHttpLinks()
    {
        var html = await GetPageAsync("/hangfire/sla/at-risk");

        Assert.Contains("DEMO-4711", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Printer on fire", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("Dashboard &lt;SLA&gt;", html); // the agreement's name, from the config folder
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"href=\"{SafeLink}\"", html);
        Assert.Contains("overdue", html); // the seeded breach, still running
        Assert.True(html.IndexOf("DEMO-9001", StringComparison.Ordinal) < html.IndexOf("DEMO-4711", StringComparison.Ordinal), "the overdue clock comes first");
    }

    [Fact]
    public async Task Breaches_Today_ListTheBreach_WithItsSubjectEncoded()
    {
        foreach (var path in new[] { "/hangfire/sla/breaches", "/hangfire/sla/breaches?period=week" })
        {
            var html = await GetPageAsync(path);
            Assert.Contains("DEMO-9001", html);
            Assert.Contains("&lt;img src=x onerror=alert(4)&gt; Mail down", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("still running", html);
            Assert.Contains("1h", html); // 9 hours used of 8
        }
    }

    [Fact]
    public async Task Compliance_ThisMonth_CountsTheBreachAgainstTheAgreement_AndABadMonthFallsBackToThisOne()
    {
        var html = await GetPageAsync("/hangfire/sla/compliance");
        var fallback = await GetPageAsync("/hangfire/sla/compliance?month=<script>");

        Assert.Contains("Dashboard &lt;SLA&gt;", html);
        Assert.Contains("All tickets", html);
        Assert.Contains("0 %", html); // one breached clock, none met
        Assert.Contains("missed", html);
        Assert.DoesNotContain("<script>", fallback);
        Assert.Contains("Dashboard &lt;SLA&gt;", fallback);
    }

    [Fact]
    public async Task FailedNotifications_ShowTheErrorEncoded_WithTheTicket()
    {
        var html = await GetPageAsync("/hangfire/sla/failed-notifications");

        Assert.Contains("550 &lt;script&gt;alert(3)&lt;/script&gt; mailbox unavailable", html);
        Assert.DoesNotContain("<script>alert(3)", html);
        Assert.Contains("DEMO-4711", html);
        Assert.Contains("warn-75%", html);
    }

    [Fact]
    public async Task Quarantine_ShowsTheReasonEncoded()
    {
        var html = await GetPageAsync("/hangfire/sla/quarantine");

        Assert.Contains("&lt;b&gt;unknown status&lt;/b&gt; &#39;weird&#39;", html);
        Assert.Contains("9002", html);
        Assert.Contains(SeededSource, html);
    }

    [Fact]
    public async Task HangfireHome_HasTheSlaItemInItsNavigation_AndNoConnectionString()
    {
        var html = await GetPageAsync("/hangfire");

        Assert.Contains("href=\"/hangfire/sla/at-risk\"", html);
        Assert.DoesNotContain("slatimers.db", html);
    }

    [Fact]
    public async Task Healthz_IsHealthy_WithTheLedgerCounts()
    {
        using var client = fixture.Host.Client();
        using var response = await client.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("storage").GetProperty("ok").GetBoolean());
        Assert.False(json.GetProperty("storage").TryGetProperty("error", out _));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("helpdesks").ValueKind); // the scripted helpdesk is not scheduled
        Assert.Equal((1, 0), (json.GetProperty("notifications").GetProperty("failed").GetInt32(), json.GetProperty("notifications").GetProperty("pending").GetInt32()));
        Assert.False(json.GetProperty("timers").GetProperty("late").GetBoolean());
        Assert.True(json.GetProperty("timers").GetProperty("overdue").GetInt32() >= 0);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync("/healthz", null)).StatusCode);
    }

    [Fact]
    public async Task Metrics_AreInPrometheusTextFormat()
    {
        using var client = fixture.Host.Client();
        using var response = await client.GetAsync("/metrics");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("slatimers_storage_up 1", lines);
        Assert.Contains("slatimers_open_clocks{state=\"running\"} 2", lines);
        Assert.Contains("slatimers_open_clocks{state=\"breached-running\"} 1", lines);
        Assert.Contains("slatimers_breached_today 1", lines);
        Assert.Contains("slatimers_notifications{state=\"failed\"} 1", lines);
        Assert.Contains("# TYPE slatimers_open_clocks gauge", lines);
        Assert.Contains("# TYPE slatimers_timer_lag_seconds gauge", lines);
        Assert.Single(lines, l => l.StartsWith("slatimers_timers_overdue ", StringComparison.Ordinal));
    }

    private async Task<string> GetPageAsync(string path)
    {
        using var client = fixture.Host.Client();
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }
}
