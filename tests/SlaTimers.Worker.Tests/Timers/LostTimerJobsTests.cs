using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Timers;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Timers;

public sealed class LostTimerJobsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly FakeTimerStore _timers = new();
    private readonly Dictionary<string, string> _states = [];
    private readonly LostTimerJobs _lost;

    public LostTimerJobsTests() =>
        _lost = new LostTimerJobs(_timers, new States(_states), new FakeClock(Now), Options.Create(new TimerOptions()), NullLogger<LostTimerJobs>.Instance);

    private static TicketKey Key(string id) => new("hd", id);

    private void Scheduled(string id, Instant due, string jobId)
    {
        _timers.SetDue(Key(id), due);
        Assert.True(_timers.RecordScheduledAsync(Key(id), due, jobId, CancellationToken.None).Result);
    }

    [Fact]
    public async Task AnOverdueTimerWhoseJobIsGone_IsReleased_AndThenNeedsScheduling()
    {
        Scheduled("1", Now - Duration.FromMinutes(5), "job-1");

        Assert.Equal(1, await _lost.ReleaseAsync(CancellationToken.None));

        var slot = Assert.Single(await _timers.GetUnscheduledAsync(Now, 10, CancellationToken.None));
        Assert.Equal((Key("1"), null), (slot.Ticket, slot.JobId));
    }

    [Theory]
    [InlineData("Scheduled")]
    [InlineData("Enqueued")]
    [InlineData("Processing")]
    public async Task AnOverdueTimerWhoseJobIsStillPending_IsLeftAlone_WithinStuckJobAfter(string state)
    {
        Scheduled("1", Now - Duration.FromMinutes(3), "job-1"); // past the minute's grace, within the five minutes
        _states["job-1"] = state;

        Assert.Equal(0, await _lost.ReleaseAsync(CancellationToken.None));
        Assert.Empty(await _timers.GetUnscheduledAsync(Now, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("Scheduled")]
    [InlineData("Enqueued")]
    [InlineData("Processing")]
    public async Task ATimerWhoseJobStillLooksPending_PastStuckJobAfter_IsReleased_AsAStrandedJob(string state)
    {
        Scheduled("1", Now - Duration.FromMinutes(6), "job-1");
        Scheduled("2", Now - Duration.FromMinutes(2), "job-2"); // a busy queue, not yet stuck
        _states["job-1"] = state;
        _states["job-2"] = state;

        Assert.Equal(1, await _lost.ReleaseAsync(CancellationToken.None));

        var slot = Assert.Single(await _timers.GetUnscheduledAsync(Now, 10, CancellationToken.None));
        Assert.Equal((Key("1"), null), (slot.Ticket, slot.JobId));
    }

    [Fact]
    public async Task AJobThatEnded_IsLost_WithoutWaitingForStuckJobAfter()
    {
        Scheduled("1", Now - Duration.FromMinutes(2), "job-1");
        _states["job-1"] = "Succeeded"; // ran, yet the timer still names it: it never got to move the ticket on

        Assert.Equal(1, await _lost.ReleaseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ATimerWithinItsGrace_IsLeftAlone_EvenWithoutAPendingJob()
    {
        Scheduled("1", Now - Duration.FromSeconds(30), "job-1"); // the grace is a minute: it may be firing right now

        Assert.Equal(0, await _lost.ReleaseAsync(CancellationToken.None));
        Assert.Empty(await _timers.GetUnscheduledAsync(Now, 10, CancellationToken.None));
    }

    private sealed class States(Dictionary<string, string> states) : IJobStates
    {
        public string? StateOf(string jobId) => states.GetValueOrDefault(jobId);
    }
}
