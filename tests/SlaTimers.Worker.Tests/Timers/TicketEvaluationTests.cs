using NodaTime;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Timers;

/// <summary>When a ticket's timer fires next, also when the helpdesk's clock runs ahead of ours.</summary>
public sealed class TicketEvaluationTests : IDisposable
{
    private static readonly Instant Created = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _config = WorkerConfig.Create();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void ATicketCreatedAfterOurNow_HasNoClockYet_ButATimerAtItsCreation()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        var ticket = TestTickets.Make("hd", "1", Created);

        var early = TicketEvaluation.Evaluate(ticket, Created - Duration.FromSeconds(20), rules, Created - Duration.FromSeconds(20), fireForDueNow: true);

        Assert.Empty(early.Clocks);
        Assert.Equal(Created, early.NextCheckpointAt);
    }

    [Fact]
    public void AtItsCreation_TheTicketHasItsClocks_AndItsTimerMovesToTheFirstCheckpoint()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        var ticket = TestTickets.Make("hd", "1", Created);
        var onTime = TicketEvaluation.Evaluate(ticket, Created, rules, Created, fireForDueNow: true);

        var late = TicketEvaluation.Evaluate(ticket, Created - Duration.FromSeconds(20), rules, Created, fireForDueNow: false);

        Assert.NotEmpty(late.Clocks);
        Assert.Equal(onTime.NextCheckpointAt, late.NextCheckpointAt);
        Assert.True(late.NextCheckpointAt > Created);
    }

    [Fact]
    public void ALaterEventDatedAfterOurNow_BringsTheTimerForwardToIt()
    {
        var ticket = TestTickets.Make("hd", "1", Created);
        var change = Created + Duration.FromSeconds(1);
        var withFutureEvent = ticket with { Timeline = ticket.Timeline.Add(ticket.Timeline[0] with { Id = "later", At = change }) };

        Assert.Equal(change, TicketEvaluation.FirstEventAfter(withFutureEvent, Created));
        Assert.Null(TicketEvaluation.FirstEventAfter(withFutureEvent, change));
    }
}
