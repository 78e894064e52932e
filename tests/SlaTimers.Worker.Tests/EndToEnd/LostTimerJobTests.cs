using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// A team lead deletes a ticket's timer job on the Hangfire dashboard (here through Hangfire's client on the same
/// database): the maintenance job notices the timer's job will never run and schedules it again, so the warning still
/// goes out, late, and once.
/// </summary>
public sealed class LostTimerJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ATimerJobDeletedOnTheDashboard_IsScheduledAgainByTheMaintenance_AndTheWarningArrives()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", output);
        var worker = world.StartWorker("w", overrides: new Dictionary<string, string?> { ["Timers__LostJobGrace"] = "00:00:02" });
        await world.WaitForSyncAsync(worker);

        var ticket = world.PutTickets(8000, 1, _ => E2eWorld.Now, "urgent").Single();
        await world.EventuallyAsync(async () => await world.Store.JobCountAsync("Scheduled", "TimerJob") == 1, "the ticket's timer job", worker);
        var database = ((PostgresE2eStore)world.Store).Database;
        var jobId = (await database.ScalarAsync<long>("SELECT id FROM hangfire.job WHERE statename = 'Scheduled' AND invocationdata::text LIKE '%TimerJob%'"))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        // What the dashboard's Delete does to a scheduled job: its state becomes Deleted and it leaves the schedule.
        // (In SQL: Hangfire's client in this process would log through another test host's disposed logger.)
        await database.ScalarAsync<long?>($"""
            DELETE FROM hangfire.set WHERE key = 'schedule' AND value = '{jobId}';
            UPDATE hangfire.job SET statename = 'Deleted' WHERE id = {jobId};
            """);
        world.Log($"deleted timer job {jobId}");

        var warning = E2eConfig.Key(ticket.Id, E2eConfig.Warning);
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Any(n => n.Key == warning && n.State == "delivered"),
            "the warning after the maintenance rescheduled the timer", worker, TimeSpan.FromSeconds(100), world.DescribeLedgerAsync);
        Assert.Contains(worker.Lines, l => l.Text.Contains($"its job {jobId} will not run", StringComparison.Ordinal));
        Assert.Single(E2eWorld.Messages(world.Outbox("w")), E2eWorld.FileOf(warning));
    }
}
