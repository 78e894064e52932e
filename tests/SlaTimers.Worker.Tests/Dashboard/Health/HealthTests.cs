using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Dashboard.Health;

namespace SlaTimers.Worker.Tests.Dashboard.Health;

/// <summary><c>/healthz</c> when the store is down (a real host whose dashboard queries fail), and the rules behind its status.</summary>
public sealed class HealthTests
{
    private static readonly Instant Started = Instant.FromUtc(2026, 11, 26, 12, 0);

    [Fact]
    public async Task StorageDown_Answers503Unhealthy_WithTheErrorButNoSecret()
    {
        var queries = new FakeSlaQueries { Failure = new InvalidOperationException("could not connect to db.internal:5432; Password=hunter2; try later") };
        await using var host = await DashboardHost.StartAsync(services: s => s.AddSingleton<ISlaQueries>(queries));
        using var client = host.Client();

        using var response = await client.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        Assert.False(json.GetProperty("storage").GetProperty("ok").GetBoolean());
        Assert.Equal("InvalidOperationException: could not connect to db.internal:5432; Password=***; try later", json.GetProperty("storage").GetProperty("error").GetString());
        Assert.DoesNotContain("hunter2", body);
        Assert.DoesNotContain("Data Source", body);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("notifications").GetProperty("failed").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("timers").GetProperty("lagSeconds").ValueKind);

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("slatimers_storage_up 0\n", metrics);
        Assert.DoesNotContain("slatimers_open_clocks", metrics);
    }

    [Fact]
    public async Task AHelpdeskWithoutASuccessWithinThreePollIntervals_IsStale_AndTheWorkerDegraded()
    {
        var clock = new FakeClock(Started + Duration.FromMinutes(10));
        var queries = new FakeSlaQueries();
        queries.SyncStates.Add(new SyncState("zendesk", "cursor", Started + Duration.FromMinutes(6), Started + Duration.FromMinutes(9), "HTTP 503 from Zendesk"));
        queries.SyncStates.Add(new SyncState("demo", "c", Started + Duration.FromMinutes(8), Started + Duration.FromMinutes(8), null));
        queries.SyncStates.Add(new SyncState("removed", "c", null, null, null));
        var registry = new FakeRegistry(
            new HelpdeskDescriptor("zendesk", "zendesk", TimeSpan.FromMinutes(1)),
            new HelpdeskDescriptor("demo", "demo", TimeSpan.FromMinutes(1)),
            new HelpdeskDescriptor("new", "demo", TimeSpan.FromMinutes(5)));

        var report = await ReportAsync(queries, registry, clock);
        var json = JsonDocument.Parse(Json(report)).RootElement;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("storage").GetProperty("ok").GetBoolean());
        var helpdesks = json.GetProperty("helpdesks").EnumerateArray().ToList();
        Assert.Equal(["zendesk", "demo", "new"], helpdesks.Select(h => h.GetProperty("name").GetString()));
        Assert.Equal([true, false, false], helpdesks.Select(h => h.GetProperty("stale").GetBoolean())); // "new": 10 min since the start, under 3 × 5 min
        Assert.Equal("2026-11-26T12:06:00Z", helpdesks[0].GetProperty("lastSuccess").GetString());
        Assert.Equal("2026-11-26T12:09:00Z", helpdesks[0].GetProperty("lastAttempt").GetString());
        Assert.Equal("HTTP 503 from Zendesk", helpdesks[0].GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, helpdesks[2].GetProperty("lastSuccess").ValueKind);
    }

    [Fact]
    public async Task EveryHelpdeskRecent_IsHealthy_AndPendingCountsWaitingAndSending()
    {
        var clock = new FakeClock(Started + Duration.FromMinutes(2));
        var queries = new FakeSlaQueries
        {
            Counts = new SlaCounts(new Dictionary<ClockState, int> { [ClockState.Running] = 3 }, 0,
                new Dictionary<DeliveryState, int> { [DeliveryState.Pending] = 2, [DeliveryState.Sending] = 1, [DeliveryState.Failed] = 4, [DeliveryState.Delivered] = 9 }),
        };
        queries.SyncStates.Add(new SyncState("demo", "c", Started + Duration.FromMinutes(1), Started + Duration.FromMinutes(1), null));

        var report = await ReportAsync(queries, new FakeRegistry(new HelpdeskDescriptor("demo", "demo", TimeSpan.FromSeconds(20))), clock);
        var notifications = JsonDocument.Parse(Json(report)).RootElement.GetProperty("notifications");

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal((4, 3), (notifications.GetProperty("failed").GetInt32(), notifications.GetProperty("pending").GetInt32()));
    }

    [Theory]
    [InlineData(60, "healthy", false)]
    [InlineData(61, "degraded", true)]
    public async Task ATimerWaitingLongerThanLateAfter_DegradesTheWorker_AndIsShownWithTheBacklog(int waitedSeconds, string status, bool late)
    {
        var clock = new FakeClock(Started + Duration.FromMinutes(2));
        var queries = new FakeSlaQueries { TimerBacklog = new TimerBacklog(312, clock.GetCurrentInstant() - Duration.FromSeconds(waitedSeconds)) };
        queries.SyncStates.Add(new SyncState("demo", "c", Started + Duration.FromMinutes(1), Started + Duration.FromMinutes(1), null));

        var report = await ReportAsync(queries, new FakeRegistry(new HelpdeskDescriptor("demo", "demo", TimeSpan.FromSeconds(20))), clock);
        var json = JsonDocument.Parse(Json(report)).RootElement;
        var timers = json.GetProperty("timers");

        Assert.Equal(status, json.GetProperty("status").GetString());
        Assert.Equal((312, waitedSeconds, late), (timers.GetProperty("overdue").GetInt32(), timers.GetProperty("lagSeconds").GetInt32(), timers.GetProperty("late").GetBoolean()));
        if (late) Assert.Equal($"timers {waitedSeconds} s behind their instants (312 overdue)", report.Entries[TimersHealthCheck.Name].Description);
    }

    [Theory]
    [InlineData(300, "healthy", false)]
    [InlineData(301, "degraded", true)]
    public async Task ANotificationWaitingLongerThanLateAfter_DegradesTheWorker_AndIsShownWithItsBacklog(int waitedSeconds, string status, bool late)
    {
        var clock = new FakeClock(Started + Duration.FromMinutes(10));
        var queries = new FakeSlaQueries { DeliveryBacklog = new DeliveryBacklog(9, 4, clock.GetCurrentInstant() - Duration.FromSeconds(waitedSeconds)) };
        queries.SyncStates.Add(new SyncState("demo", "c", Started + Duration.FromMinutes(9), Started + Duration.FromMinutes(9), null));

        var report = await ReportAsync(queries, new FakeRegistry(new HelpdeskDescriptor("demo", "demo", TimeSpan.FromSeconds(20))), clock);
        var json = JsonDocument.Parse(Json(report)).RootElement;
        var deliveries = json.GetProperty("deliveries");

        Assert.Equal(status, json.GetProperty("status").GetString());
        Assert.Equal((9, 4, waitedSeconds, late),
            (deliveries.GetProperty("waiting").GetInt32(), deliveries.GetProperty("retrying").GetInt32(), deliveries.GetProperty("lagSeconds").GetInt32(), deliveries.GetProperty("late").GetBoolean()));
        if (late)
        {
            Assert.Equal($"notifications {waitedSeconds} s behind their instants (9 waiting, 4 of them retrying after a failure)", report.Entries[DeliveriesHealthCheck.Name].Description);
        }
    }

    [Fact]
    public async Task TheRealHost_ChecksDeliveries_WithTheConfiguredLateAfterAndDigest_AndShowsThemLateAboveTheFailedNotifications()
    {
        var queries = new FakeSlaQueries { DeliveryBacklog = new DeliveryBacklog(3, 0, SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(3)) };
        await using var host = await DashboardHost.StartAsync(
            args: ["--Delivery:LateAfter=00:02:00", "--Delivery:DigestWindow=00:10:00"],
            services: s => s.AddSingleton<ISlaQueries>(queries));
        using var client = host.Client();

        using var response = await client.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("deliveries").GetProperty("late").GetBoolean());
        var late = await client.GetStringAsync("/hangfire/sla/failed-notifications");
        queries.DeliveryBacklog = new DeliveryBacklog(1, 0, SystemClock.Instance.GetCurrentInstant() - Duration.FromSeconds(10));
        var onTime = await client.GetStringAsync("/hangfire/sla/failed-notifications");

        Assert.NotEmpty(queries.DeliveryDigests);
        Assert.All(queries.DeliveryDigests, digest => Assert.Equal(Duration.FromMinutes(10), digest!.Window)); // health and page alike
        Assert.Contains("<div class=\"alert alert-danger\">Notifications are 3m behind their instants (3 waiting, 0 of them retrying after a failure)", late);
        Assert.DoesNotContain("behind their instants", onTime);
        Assert.Contains("No notification failed.", onTime);
    }

    [Fact]
    public async Task TimersBehind_AreLoggedByTheHost_AndShownAboveTheAtRiskList()
    {
        var queries = new FakeSlaQueries { TimerBacklog = new TimerBacklog(1_312, SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(3)) };
        await using var host = await DashboardHost.StartAsync(services: s => s.AddSingleton<ISlaQueries>(queries));
        using var client = host.Client();
        // The host's own watch (a loop of the host, registered with the timers) says it in the log at start.
        const string said = "s behind their instants (1312 overdue";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!host.Logs.Tail().Contains(said, StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Contains(said, host.Logs.Tail());

        var late = await client.GetStringAsync("/hangfire/sla/at-risk");
        queries.TimerBacklog = new TimerBacklog(2, SystemClock.Instance.GetCurrentInstant() - Duration.FromSeconds(1));
        var onTime = await client.GetStringAsync("/hangfire/sla/at-risk");

        Assert.Contains("<div class=\"alert alert-danger\">Timers are 3m behind their instants (1,312 overdue): warnings go out late.", late);
        Assert.DoesNotContain("behind their instants", onTime);
        Assert.Contains("No open clock has a deadline.", onTime);
    }

    [Fact]
    public void ATimerBacklog_LagsOnlyOnceItsEarliestTimerIsPast_AndIsLateOnlyPastLateAfter()
    {
        var now = Started + Duration.FromMinutes(5);
        Assert.Equal(Duration.Zero, new TimerBacklog(0, null).Lag(now));
        Assert.Equal(Duration.Zero, new TimerBacklog(1, now).Lag(now));
        Assert.Equal(Duration.Zero, new TimerBacklog(1, now + Duration.FromSeconds(1)).Lag(now));
        Assert.Equal(Duration.FromSeconds(90), new TimerBacklog(4, now - Duration.FromSeconds(90)).Lag(now));
        Assert.False(new TimerBacklog(4, now - Duration.FromSeconds(60)).IsLate(now, Duration.FromMinutes(1)));
        Assert.True(new TimerBacklog(4, now - Duration.FromSeconds(61)).IsLate(now, Duration.FromMinutes(1)));
    }

    [Fact]
    public void AfterARestart_AHelpdeskIsNotStaleUntilThreeIntervalsHavePassedSinceTheStart()
    {
        var helpdesk = new HelpdeskDescriptor("zendesk", "zendesk", TimeSpan.FromMinutes(1));
        var lastWeek = new SyncState("zendesk", "c", Started - Duration.FromDays(7), Started - Duration.FromDays(7), null);

        Assert.False(HelpdeskStatus.Of(helpdesk, lastWeek, Started + Duration.FromMinutes(3), Started).Stale);
        Assert.True(HelpdeskStatus.Of(helpdesk, lastWeek, Started + Duration.FromMinutes(3) + Duration.FromSeconds(1), Started).Stale);
        Assert.Equal(Duration.FromDays(7) + Duration.FromMinutes(3), HelpdeskStatus.Of(helpdesk, lastWeek, Started + Duration.FromMinutes(3), Started).Lag(Started + Duration.FromMinutes(3)));
    }

    private static async Task<HealthReport> ReportAsync(FakeSlaQueries queries, ITicketSourceRegistry registry, IClock clock)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var entries = new Dictionary<string, HealthReportEntry>();
        foreach (var (name, check) in new (string, IHealthCheck)[]
        {
            (StorageHealthCheck.Name, new StorageHealthCheck(queries, clock, zone)),
            (HelpdesksHealthCheck.Name, new HelpdesksHealthCheck(queries, registry, clock, Started)),
            (TimersHealthCheck.Name, new TimersHealthCheck(queries, clock, Duration.FromMinutes(1))),
            (DeliveriesHealthCheck.Name, new DeliveriesHealthCheck(queries, clock, Duration.FromMinutes(5), null)),
        })
        {
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            entries[name] = new HealthReportEntry(result.Status, result.Description, TimeSpan.Zero, result.Exception, result.Data);
        }
        return new HealthReport(entries, TimeSpan.Zero);
    }

    private static string Json(HealthReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) HealthJson.Write(writer, report);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
