using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Configuration;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Configuration;

public sealed class ReevaluateOpenTicketsJobTests : IDisposable
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _before = WorkerConfig.Create();
    private readonly TempFolder _after = WorkerConfig.Create();
    private readonly FakeTimerStore _timers = new();
    private readonly FakeTicketStore _tickets;
    private readonly FakeClock _clock = new(Created + Duration.FromSeconds(1));
    private readonly SlaConfiguration _old;
    private readonly SlaConfigurationHolder _holder;
    private readonly RecordedConfiguration _evaluated = new();
    private readonly ReevaluateOpenTicketsJob _job;

    /// <summary>Runs before each save of an evaluation, with the number of saves before it: a sync page committing then.</summary>
    private Func<int, Task> _beforeSave = _ => Task.CompletedTask;

    public ReevaluateOpenTicketsJobTests()
    {
        _tickets = new FakeTicketStore(_timers);
        _old = WorkerConfig.Load(_before);
        // The edit: priority high's budget doubles, so its warning (50 %) moves from 2 s to 4 s after creation.
        _after.Write("agreements/test-sla.json", WorkerConfig.Agreement.Replace("\"high\": \"4s\"", "\"high\": \"8s\"", StringComparison.Ordinal));
        _holder = new SlaConfigurationHolder(WorkerConfig.Load(_after), ConfigurationFingerprint.Of(_after.Path));
        var scheduler = new TimerScheduler(_timers, _tickets, new FakeJobClient(), new ReconcileGate(), _holder, _clock, Options.Create(new TimerOptions()), NullLogger<TimerScheduler>.Instance);
        var tickets = new InterruptedTicketStore(_tickets, count => _beforeSave(count));
        _job = new ReevaluateOpenTicketsJob(tickets, scheduler, _holder, _evaluated, _clock, NullLogger<ReevaluateOpenTicketsJob>.Instance);
    }

    public void Dispose()
    {
        _before.Dispose();
        _after.Dispose();
    }

    [Fact]
    public async Task Run_MovesEveryOpenTicketToTheNewRules()
    {
        var (a, b) = (StoreWithOldRules("1"), StoreWithOldRules("2"));

        await _job.RunAsync(CancellationToken.None);

        Assert.Equal(Created + Duration.FromSeconds(4), _tickets.Records[a].NextCheckpointAt);
        Assert.Equal(Created + Duration.FromSeconds(4), _tickets.Records[b].NextCheckpointAt);
    }

    [Fact]
    public async Task Run_RecordsTheFolderItEvaluatedWith_OnceEveryOpenTicketHasItsRules()
    {
        StoreWithOldRules("1");
        _evaluated.Value = ConfigurationFingerprint.Of(_before.Path);

        await _job.RunAsync(CancellationToken.None);

        Assert.Equal(ConfigurationFingerprint.Of(_after.Path), _evaluated.Value);
    }

    [Fact]
    public async Task Run_RecordsNothing_WhenTheConfigurationWasReplacedMeanwhile()
    {
        StoreWithOldRules("1");
        _beforeSave = _ =>
        {
            _holder.Replace(WorkerConfig.Load(_before), ConfigurationFingerprint.Of(_before.Path)); // a reload: its own pass records it
            return Task.CompletedTask;
        };

        await _job.RunAsync(CancellationToken.None);

        Assert.Null(_evaluated.Value);
    }

    [Fact]
    public async Task Run_ATicketAPageWroteWithTheOldRulesMeanwhile_IsEvaluatedAgainWithTheNew()
    {
        var key = StoreWithOldRules("1");
        // A page built just before the edit (old rules) commits after the job read the ticket.
        _beforeSave = saves => saves == 0 ? PageWithOldRules(key) : Task.CompletedTask;

        await _job.RunAsync(CancellationToken.None);

        Assert.Equal(2, _tickets.Evaluations.Count);
        Assert.Equal(Created + Duration.FromSeconds(4), _tickets.Records[key].NextCheckpointAt);
        Assert.Equal(Created + Duration.FromSeconds(4), _timers.Rows[key].DueAt);
    }

    [Fact]
    public async Task Run_ATicketThatNeverSettles_FailsTheJobForHangfiresRetry_AfterSavingTheOthers()
    {
        var (restless, calm) = (StoreWithOldRules("1"), StoreWithOldRules("2"));
        _beforeSave = _ => PageWithOldRules(restless);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _job.RunAsync(CancellationToken.None));

        Assert.Contains(restless.ToString(), error.Message);
        Assert.Equal(1 + ReevaluateOpenTicketsJob.StaleRounds, _tickets.Evaluations.Count);
        Assert.Equal(Created + Duration.FromSeconds(4), _tickets.Records[calm].NextCheckpointAt);
        Assert.Null(_evaluated.Value); // not every ticket has the new rules: a start still finds the folder unrecorded
    }

    private TicketKey StoreWithOldRules(string id)
    {
        var record = TicketEvaluation.Evaluate(TestTickets.Make("hd", id, Created), Created, _old.Rules, Created, fireForDueNow: true);
        _tickets.Put(record);
        Assert.Equal(Created + Duration.FromSeconds(2), record.NextCheckpointAt);
        return record.Key;
    }

    private Task PageWithOldRules(TicketKey key)
    {
        var stored = _tickets.Records[key];
        _tickets.Put(TicketEvaluation.Evaluate(stored.Ticket, stored.FirstSeen, _old.Rules, _clock.GetCurrentInstant(), fireForDueNow: true));
        return Task.CompletedTask;
    }
}
