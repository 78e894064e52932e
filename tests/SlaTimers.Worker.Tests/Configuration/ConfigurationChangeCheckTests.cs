using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Configuration;

public sealed class ConfigurationChangeCheckTests : IDisposable
{
    private readonly TempFolder _folder = WorkerConfig.Create();
    private readonly FakeTicketStore _tickets = new(new FakeTimerStore());
    private readonly FakeJobClient _jobs = new();
    private readonly RecordedConfiguration _evaluated = new();
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 2, 10, 0));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_folder_the_open_tickets_were_evaluated_with_queues_nothing()
    {
        var check = Check(out var fingerprint);
        _evaluated.Value = fingerprint;
        StoreOpenTicket();

        Assert.Null(await check.CheckAsync(CancellationToken.None));
        Assert.Empty(_jobs.Created);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0123456789abcdef")]
    public async Task Another_folder_or_none_recorded_queues_the_reevaluation_of_the_open_tickets(string? recorded)
    {
        var check = Check(out _);
        _evaluated.Value = recorded;
        StoreOpenTicket();

        var id = await check.CheckAsync(CancellationToken.None);

        var job = Assert.Single(_jobs.Created);
        Assert.Equal(id, job.Id);
        Assert.Equal(typeof(ReevaluateOpenTicketsJob), job.Job.Type);
        Assert.Equal(recorded, _evaluated.Value); // the job records the folder once it has passed every ticket
    }

    [Fact]
    public async Task Without_open_tickets_the_folder_is_recorded_and_nothing_queued()
    {
        var check = Check(out var fingerprint);
        _evaluated.Value = "0123456789abcdef";

        Assert.Null(await check.CheckAsync(CancellationToken.None));
        Assert.Empty(_jobs.Created);
        Assert.Equal(fingerprint, _evaluated.Value);
    }

    [Fact]
    public async Task A_folder_still_unrecorded_ten_minutes_after_the_maintenance_first_saw_it_is_queued_again()
    {
        var check = Check(out _);
        _evaluated.Value = "0123456789abcdef"; // its pass failed for good, or its job was stranded
        StoreOpenTicket();

        Assert.Null(await check.CatchUpAsync(CancellationToken.None)); // first seen
        _clock.Advance(ConfigurationChangeCheck.CatchUpAfter - Duration.FromMinutes(1));
        Assert.Null(await check.CatchUpAsync(CancellationToken.None));
        _clock.Advance(Duration.FromMinutes(1));
        var id = await check.CatchUpAsync(CancellationToken.None);
        Assert.Null(await check.CatchUpAsync(CancellationToken.None)); // and then another interval

        Assert.Equal(id, Assert.Single(_jobs.Created).Id);
    }

    [Fact]
    public async Task A_folder_recorded_meanwhile_starts_the_interval_afresh()
    {
        var check = Check(out var fingerprint);
        _evaluated.Value = "0123456789abcdef";
        StoreOpenTicket();

        await check.CatchUpAsync(CancellationToken.None);
        _clock.Advance(ConfigurationChangeCheck.CatchUpAfter / 2);
        _evaluated.Value = fingerprint; // the reload's pass completed
        await check.CatchUpAsync(CancellationToken.None);
        _evaluated.Value = "fedcba9876543210"; // then another instance's pass recorded another folder: seen afresh
        await check.CatchUpAsync(CancellationToken.None);
        _clock.Advance(ConfigurationChangeCheck.CatchUpAfter / 2 + Duration.FromMinutes(1));

        Assert.Null(await check.CatchUpAsync(CancellationToken.None));
        Assert.Empty(_jobs.Created);
    }

    private ConfigurationChangeCheck Check(out string fingerprint)
    {
        fingerprint = ConfigurationFingerprint.Of(_folder.Path);
        var holder = new SlaConfigurationHolder(WorkerConfig.Load(_folder), fingerprint);
        return new ConfigurationChangeCheck(holder, _evaluated, _tickets, _jobs, _clock, NullLogger<ConfigurationChangeCheck>.Instance);
    }

    private void StoreOpenTicket()
    {
        var created = Instant.FromUtc(2026, 3, 2, 9, 0);
        _tickets.Put(TicketEvaluation.Evaluate(TestTickets.Make("hd", "1", created), created, WorkerConfig.Load(_folder).Rules, created, fireForDueNow: true));
    }
}

/// <summary>An <see cref="IEvaluatedConfiguration"/> in memory.</summary>
public sealed class RecordedConfiguration : IEvaluatedConfiguration
{
    public string? Value { get; set; }

    public string? Read() => Value;

    public void Record(string fingerprint) => Value = fingerprint;
}
