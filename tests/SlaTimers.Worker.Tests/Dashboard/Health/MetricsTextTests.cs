using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Dashboard.Health;

namespace SlaTimers.Worker.Tests.Dashboard.Health;

public sealed class MetricsTextTests
{
    private static readonly Instant Started = Instant.FromUtc(2026, 11, 26, 12, 0);
    private static readonly Instant Now = Started + Duration.FromMinutes(10);

    [Fact]
    public async Task EveryMetric_IsAGauge_WithEveryStateAndHelpdesk()
    {
        var queries = new FakeSlaQueries
        {
            Counts = new SlaCounts(new Dictionary<ClockState, int> { [ClockState.Running] = 12, [ClockState.BreachedRunning] = 1 }, 3,
                new Dictionary<DeliveryState, int> { [DeliveryState.Delivered] = 40, [DeliveryState.Failed] = 2 }),
            TimerBacklog = new TimerBacklog(7, Now - Duration.FromSeconds(95)),
            DeliveryBacklog = new DeliveryBacklog(5, 2, Now - Duration.FromSeconds(400)),
        };
        queries.SyncStates.Add(new SyncState("zendesk \"main\"", "c", Now - Duration.FromSeconds(90), Now, null));
        var registry = new FakeRegistry(
            new HelpdeskDescriptor("zendesk \"main\"", "zendesk", TimeSpan.FromMinutes(1)),
            new HelpdeskDescriptor("never", "demo", TimeSpan.FromMinutes(1)));

        var text = await Metrics().RenderAsync(queries, registry, Now, CancellationToken.None);

        Assert.Equal(
            """
            # HELP slatimers_storage_up 1 when the store answered this scrape, else 0.
            # TYPE slatimers_storage_up gauge
            slatimers_storage_up 1
            # HELP slatimers_open_clocks Open SLA clocks by state.
            # TYPE slatimers_open_clocks gauge
            slatimers_open_clocks{state="running"} 12
            slatimers_open_clocks{state="paused"} 0
            slatimers_open_clocks{state="breached-running"} 1
            # HELP slatimers_breached_today Clocks whose deadline was missed since midnight (Europe/Amsterdam).
            # TYPE slatimers_breached_today gauge
            slatimers_breached_today 3
            # HELP slatimers_notifications Notifications in the ledger by delivery state.
            # TYPE slatimers_notifications gauge
            slatimers_notifications{state="pending"} 0
            slatimers_notifications{state="sending"} 0
            slatimers_notifications{state="delivered"} 40
            slatimers_notifications{state="failed"} 2
            # HELP slatimers_sync_lag_seconds Seconds since the helpdesk's last successful sync.
            # TYPE slatimers_sync_lag_seconds gauge
            slatimers_sync_lag_seconds{helpdesk="zendesk \"main\""} 90
            # HELP slatimers_sync_last_success_timestamp_seconds Unix time of the helpdesk's last successful sync.
            # TYPE slatimers_sync_last_success_timestamp_seconds gauge
            slatimers_sync_last_success_timestamp_seconds{helpdesk="zendesk \"main\""} 1795694910
            # HELP slatimers_sync_stale 1 when the helpdesk had no successful sync within 3 poll intervals.
            # TYPE slatimers_sync_stale gauge
            slatimers_sync_stale{helpdesk="zendesk \"main\""} 0
            slatimers_sync_stale{helpdesk="never"} 1
            # HELP slatimers_timers_overdue Timers past their instant that have not fired yet.
            # TYPE slatimers_timers_overdue gauge
            slatimers_timers_overdue 7
            # HELP slatimers_timer_lag_seconds Seconds the longest-waiting overdue timer has waited (0 when none is overdue).
            # TYPE slatimers_timer_lag_seconds gauge
            slatimers_timer_lag_seconds 95
            # HELP slatimers_deliveries_waiting Notifications past their instant (and any digest window) not delivered yet.
            # TYPE slatimers_deliveries_waiting gauge
            slatimers_deliveries_waiting 5
            # HELP slatimers_deliveries_retrying Of those, notifications that failed at least once and wait for a retry.
            # TYPE slatimers_deliveries_retrying gauge
            slatimers_deliveries_retrying 2
            # HELP slatimers_delivery_lag_seconds Seconds the longest-waiting of those has waited (0 when none waits).
            # TYPE slatimers_delivery_lag_seconds gauge
            slatimers_delivery_lag_seconds 400

            """.ReplaceLineEndings("\n"),
            text);
        Assert.Equal([Digest], queries.DeliveryDigests); // the digest's window is not counted as lag
    }

    [Fact]
    public void LabelValues_AreEscaped()
    {
        Assert.Equal("{helpdesk=\"a\\\\b\\\"c\\nd\"}", MetricsText.Label("helpdesk", "a\\b\"c\nd"));
    }

    private static readonly DigestHold Digest = new(Duration.FromMinutes(10), "warn-", ["person:"]);

    private static MetricsText Metrics() => new(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"], Started, Digest, NullLogger<MetricsText>.Instance);
}
