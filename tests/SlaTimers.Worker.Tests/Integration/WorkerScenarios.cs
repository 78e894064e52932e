using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.Integration;

/// <summary>Runs the worker integration tests alone: they measure latencies in seconds.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerIntegration
{
    public const string Name = "Worker integration";
}

/// <summary>
/// The running worker end to end, on real time: a ticket arrives from the helpdesk, its clock runs, its timer
/// fires, the notification is written to the pickup folder. Each engine runs every scenario (see the subclasses).
/// The test agreement's checkpoint lies 2 s after a high-priority ticket's creation (50 % of 4 s on 24x7).
/// </summary>
public abstract class WorkerScenarios(WorkerFixture worker, ITestOutputHelper output)
{
    /// <summary>The longest accepted time from a checkpoint to its message on disk (the target is a p99 of 2 s).</summary>
    private static readonly Duration Latency = Duration.FromSeconds(3);

    /// <summary>How long a send may take at most to be seen (lateness is asserted on its own); a loaded CI machine needs more than 10 s.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Duration ToCheckpoint = Duration.FromSeconds(2);

    [Fact]
    public async Task ATicketArrives_ItsWarningIsWrittenToThePickupFolderAtTheCheckpoint()
    {
        var (id, created) = (NewId(), Now());
        worker.Helpdesk.Push(TestTickets.Make(TestHelpdesk.SourceName, id, created));

        await worker.SyncAsync();

        var key = KeyOf(id, "ann");
        var sent = await worker.Channel.WaitForSendAsync(key, Patience);
        Assert.NotNull(sent);
        AssertOnTime(created + ToCheckpoint, sent.Value);
        var eml = await MimeMessage.LoadAsync(worker.Channel.FileOf(key));
        Assert.StartsWith($"Warn 50 % · T-{id} · resolution · due ", eml.Subject);
        Assert.Equal("ann@example.com", Assert.Single(eml.To.Mailboxes).Address);
    }

    [Fact]
    public async Task APriorityChange_MovesTheTimer_TheOldJobIsDeletedAndTheNewOneFiresAtTheNewInstant()
    {
        var (id, created) = (NewId(), Now());
        var ticket = TestTickets.Make(TestHelpdesk.SourceName, id, created, priority: "low"); // its checkpoint: 20 s after creation
        worker.Helpdesk.Push(ticket);
        await worker.SyncAsync();
        var old = await TimerJobAsync(id);

        var raised = created + Duration.FromMilliseconds(200);
        await UntilAsync(raised);
        worker.Helpdesk.Push(ticket with { Timeline = [.. ticket.Timeline, TicketEvent.FieldChange(raised, "priority", "high", id: $"{id}-raise")] });
        await worker.SyncAsync();

        await EventuallyAsync(() => Task.FromResult<string?>(worker.StateOf(old) == DeletedState.StateName ? old : null));
        Assert.NotEqual(old, await TimerJobAsync(id));
        var sent = await worker.Channel.WaitForSendAsync(KeyOf(id, "ann"), Patience);
        Assert.NotNull(sent);
        AssertOnTime(created + ToCheckpoint, sent.Value); // the high budget applies to the time already spent
    }

    [Fact]
    public async Task ASolve_CancelsTheTimer_NothingIsSent()
    {
        var (id, created) = (NewId(), Now());
        var ticket = TestTickets.Make(TestHelpdesk.SourceName, id, created);
        worker.Helpdesk.Push(ticket);
        await worker.SyncAsync();
        var timer = await TimerJobAsync(id);

        var solved = created + Duration.FromMilliseconds(200);
        await UntilAsync(solved);
        worker.Helpdesk.Push(ticket with { Timeline = [.. ticket.Timeline, TicketEvent.StatusChange(solved, StatusCategory.Solved, "Solved", id: $"{id}-solve")] });
        await worker.SyncAsync();

        await EventuallyAsync(() => Task.FromResult<string?>(worker.StateOf(timer) == DeletedState.StateName ? timer : null));
        await UntilAsync(created + ToCheckpoint + Latency);
        var key = KeyOf(id, "ann");
        Assert.Equal(0, worker.Channel.Count(key));
        Assert.Null(await worker.Ledger.GetAsync(key, CancellationToken.None));
        Assert.False(File.Exists(worker.Channel.FileOf(key)));
    }

    [Fact]
    public async Task APermanentFailure_IsRecordedFailedAndVisible_WhileTheOthersAreDelivered()
    {
        var (id, created) = (NewId(), Now());
        // The group Desk: bob (whose mail bounces for good) and carol.
        worker.Helpdesk.Push(TestTickets.Make(TestHelpdesk.SourceName, id, created, group: "Desk", assignee: null));

        await worker.SyncAsync();

        var sent = await worker.Channel.WaitForSendAsync(KeyOf(id, "carol"), Patience);
        Assert.NotNull(sent);
        AssertOnTime(created + ToCheckpoint, sent.Value);
        var bob = KeyOf(id, "bob");
        var failed = await EventuallyAsync(async () => await worker.Ledger.GetAsync(bob, CancellationToken.None) is { State: DeliveryState.Failed } n ? n : null);
        Assert.Contains("550 5.1.1 <bob.bounce@example.com>: mailbox unavailable", failed.LastError);
        Assert.Equal(1, failed.Attempts); // no retries of a permanent failure
        var job = await EventuallyAsync(() => Task.FromResult<string?>(worker.Storage.GetMonitoringApi().FailedJobs(0, 1000)
            .FirstOrDefault(j => j.Value.Job?.Args[0] as string == bob).Key));
        Assert.Equal(FailedState.StateName, worker.StateOf(job));
    }

    [Fact]
    public async Task ATimerThatFiresTwice_NeverSendsTheSameNotificationTwice()
    {
        var (id, created) = (NewId(), Now());
        worker.Helpdesk.Push(TestTickets.Make(TestHelpdesk.SourceName, id, created));
        await worker.SyncAsync();
        var key = KeyOf(id, "ann");
        Assert.NotNull(await worker.Channel.WaitForSendAsync(key, Patience));

        // The same timer again (twice, as after a crash and a retry), and the same delivery again.
        string[] again =
        [
            worker.Jobs.Enqueue<TimerJob>(job => job.FireAsync(TestHelpdesk.SourceName, id, "again", null, CancellationToken.None)),
            worker.Jobs.Enqueue<TimerJob>(job => job.FireAsync(TestHelpdesk.SourceName, id, "again", null, CancellationToken.None)),
            worker.Jobs.Enqueue<DeliveryJob>(job => job.DeliverAsync(key, "again", CancellationToken.None)),
        ];
        foreach (var job in again) await EventuallyAsync(() => Task.FromResult<string?>(worker.StateOf(job) == SucceededState.StateName ? job : null));

        Assert.Equal(1, worker.Channel.Count(key));
        var notification = await worker.Ledger.GetAsync(key, CancellationToken.None);
        Assert.Equal((DeliveryState.Delivered, 1), (notification!.State, notification.Attempts));
        Assert.Single(Directory.GetFiles(worker.Channel.Folder, $"{Path.GetFileName(worker.Channel.FileOf(key))}"));
    }

    [Fact]
    public async Task ATimerEvaluatingWhileAReopenIsStored_LeavesTheReopenedTicketItsTimer_AndTheWarningIsSent()
    {
        var (id, created) = (NewId(), Now());
        var open = TestTickets.Make(TestHelpdesk.SourceName, id, created);
        var (solvedAt, reopenedAt) = (created + Duration.FromMilliseconds(200), created + Duration.FromMilliseconds(400));
        var solved = open with
        {
            Fields = open.Fields with { Status = StatusCategory.Solved },
            Timeline = [.. open.Timeline, TicketEvent.StatusChange(solvedAt, StatusCategory.Solved, "Solved", id: $"{id}-solve")],
        };
        var reopened = solved with
        {
            Fields = open.Fields,
            Timeline = [.. solved.Timeline, TicketEvent.StatusChange(reopenedAt, StatusCategory.Open, "Open", id: $"{id}-reopen")],
        };
        await UntilAsync(solvedAt);
        worker.Helpdesk.Push(solved);
        await worker.SyncAsync();

        // A timer of the ticket (left from before the solve) reads the solved state; the reopen's page commits before it saves.
        using var scope = worker.App.Services.CreateScope();
        var store = new InterruptedTicketStore(scope.ServiceProvider.GetRequiredService<ITicketStore>(), async saves =>
        {
            if (saves > 0) return;
            await UntilAsync(reopenedAt);
            worker.Helpdesk.Push(reopened);
            await worker.SyncAsync();
        });
        await ActivatorUtilities.CreateInstance<TimerJob>(scope.ServiceProvider, store).RunAsync(new TicketKey(TestHelpdesk.SourceName, id), null, CancellationToken.None);

        // 200 ms used before the solve, the rest from the reopen: the warning (2 s used) is due 2.2 s after creation.
        var sent = await worker.Channel.WaitForSendAsync(KeyOf(id, "ann"), Patience);
        Assert.NotNull(sent);
        AssertOnTime(created + Duration.FromMilliseconds(2200), sent.Value);
        Assert.Equal(1, worker.Channel.Count(KeyOf(id, "ann")));
    }

    [Fact]
    public async Task ARetryJobDeletedOnTheDashboard_ItsNotificationIsDeliveredByTheSweepAfterTheGrace()
    {
        var (id, created) = (NewId(), Now());
        var key = KeyOf(id, "ann");
        worker.Channel.FailOnce(key);
        worker.Helpdesk.Push(TestTickets.Make(TestHelpdesk.SourceName, id, created));
        await worker.SyncAsync();

        // The first attempt fails for now; Hangfire schedules its retry (10 s later), which is deleted on the dashboard.
        var retry = await EventuallyAsync(() => Task.FromResult<string?>(worker.Storage.GetMonitoringApi().ScheduledJobs(0, 1000)
            .FirstOrDefault(j => j.Value.Job?.Args[0] as string == key).Key));
        var scheduled = worker.Storage.GetMonitoringApi().ScheduledJobs(0, 1000).Single(j => j.Key == retry).Value;
        Assert.True(worker.Jobs.Delete(retry));
        var failed = await worker.Ledger.GetAsync(key, CancellationToken.None);
        Assert.Equal((DeliveryState.Pending, 1), (failed!.State, failed.Attempts));
        // The ledger knows when the retry was due: the instant Hangfire scheduled it for (10 s after the failure).
        var retryAt = Instant.FromDateTimeUtc(DateTime.SpecifyKind(scheduled.EnqueueAt, DateTimeKind.Utc));
        Assert.InRange(retryAt - failed.NextAttemptAt!.Value, Duration.Zero, Duration.FromSeconds(1));
        Assert.Equal(Duration.FromSeconds(10), failed.NextAttemptAt!.Value - failed.LastAttemptAt!.Value);

        using var scope = worker.App.Services.CreateScope();
        var grace = Duration.FromTimeSpan(scope.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value.LostRetryGrace);
        async Task<int> SweepAtAsync(Instant at) =>
            await ActivatorUtilities.CreateInstance<DeliveryRecovery>(scope.ServiceProvider, (IClock)new FakeClock(at)).RequeueLostAsync(CancellationToken.None);
        Assert.Equal(0, await SweepAtAsync(failed.NextAttemptAt!.Value + grace)); // until then a retry may still be on its way
        Assert.Equal(1, await SweepAtAsync(failed.NextAttemptAt!.Value + grace + Duration.FromSeconds(1)));

        var sent = await worker.Channel.WaitForSendAsync(key, Patience);
        Assert.NotNull(sent);
        var delivered = await EventuallyAsync(async () => await worker.Ledger.GetAsync(key, CancellationToken.None) is { State: DeliveryState.Delivered } n ? n : null);
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(1, worker.Channel.Count(key));
        Assert.Equal(DeletedState.StateName, worker.StateOf(retry));
    }

    private void AssertOnTime(Instant checkpoint, Instant sent)
    {
        var latency = sent - checkpoint;
        output.WriteLine($"warning latency: {latency.TotalMilliseconds:0} ms");
        Assert.True(latency >= Duration.Zero, $"sent {-latency.TotalMilliseconds:0} ms before the checkpoint");
        Assert.True(latency <= Latency, $"sent {latency.TotalMilliseconds:0} ms after the checkpoint");
    }

    /// <summary>The ticket's one waiting timer job (scheduling follows the sync; another reconciliation may be doing it).</summary>
    private async Task<string> TimerJobAsync(string id) =>
        await EventuallyAsync(() => Task.FromResult(worker.TimerJobsOf(id) is [var only] ? only : null));

    private static string KeyOf(string id, string person) =>
        Notification.MakeKey(new TicketKey(TestHelpdesk.SourceName, id), WorkerConfig.ClockKey, WorkerConfig.CheckpointKey, RecipientIds.Person(person));

    private static string NewId() => Guid.NewGuid().ToString("N")[..10];

    private static Instant Now() => SystemClock.Instance.GetCurrentInstant();

    private static async Task UntilAsync(Instant instant)
    {
        var wait = instant - Now();
        if (wait > Duration.Zero) await Task.Delay(wait.ToTimeSpan());
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Not within {Patience}.");
    }
}

[Collection(WorkerIntegration.Name)]
public sealed class SqliteWorkerTests(SqliteWorkerFixture worker, ITestOutputHelper output)
    : WorkerScenarios(worker, output), IClassFixture<SqliteWorkerFixture>;

[Collection(WorkerIntegration.Name)]
public sealed class PostgresWorkerTests(PostgresWorkerFixture worker, ITestOutputHelper output)
    : WorkerScenarios(worker, output), IClassFixture<PostgresWorkerFixture>;
