using SlaTimers.Testing.Sqlite;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// Timer jobs that will never run are replaced. A team lead deletes a ticket's timer job on the Hangfire dashboard (here through Hangfire's client on the same
/// database): the maintenance job notices the timer's job will never run and schedules it again, so the warning still
/// goes out, late, and once. Or the job store strands a job in a pending state (CI once saw Hangfire.Storage.SQLite
/// leave a timer job "Enqueued" with no queue row): after <c>Timers:StuckJobAfter</c> the timer gets a new job.
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

    [Fact]
    public async Task ATimerJobStrandedAsEnqueuedWithoutAQueueRow_IsReplacedAfterStuckJobAfter_AndTheWarningArrives()
    {
        await using var world = await E2eWorld.CreateAsync("sqlite", output);
        var worker = world.StartWorker("w", overrides: new Dictionary<string, string?>
        {
            ["Timers__LostJobGrace"] = "00:00:02",
            ["Timers__StuckJobAfter"] = "00:00:05",
        });
        await world.WaitForSyncAsync(worker);

        var ticket = world.PutTickets(8100, 1, _ => E2eWorld.Now, "urgent").Single();
        await world.EventuallyAsync(async () => await world.Store.JobCountAsync("Scheduled", "TimerJob") == 1, "the ticket's timer job", worker);
        var hangfire = ((SqliteE2eStore)world.Store).HangfireFile;
        // What the store did in CI: the job says "Enqueued", but it is neither in the schedule nor in a queue.
        var jobId = (await SqliteFile.QueryAsync(hangfire, """
            UPDATE Job SET StateName = 'Enqueued' WHERE StateName = 'Scheduled' AND InvocationData LIKE '%TimerJob%' RETURNING Id
            """, r => r.GetInt64(0))).Single().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SqliteFile.QueryAsync(hangfire, $"DELETE FROM [Set] WHERE Key = 'schedule' AND Value = '{jobId}' RETURNING Id", r => r.GetInt64(0));
        world.Log($"stranded timer job {jobId}");

        var warning = E2eConfig.Key(ticket.Id, E2eConfig.Warning);
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Any(n => n.Key == warning && n.State == "delivered"),
            "the warning after the maintenance replaced the stranded job", worker, describe: world.DescribeLedgerAsync);
        Assert.Contains(worker.Lines, l => l.Text.Contains($"its job {jobId} is still Enqueued, past Timers:StuckJobAfter", StringComparison.Ordinal));
        Assert.Single(E2eWorld.Messages(world.Outbox("w")), E2eWorld.FileOf(warning));
        var stranded = await SqliteFile.QueryAsync(hangfire, $"SELECT StateName FROM Job WHERE Id = {jobId}", r => r.GetString(0));
        Assert.Equal("Enqueued", Assert.Single(stranded)); // never run: the warning came from its replacement
    }
}
