using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Tests.Clocks;

public class ClockSmokeTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static SlaRules Rules()
    {
        var checkpoints = ImmutableArray.Create(
            new Checkpoint(CheckpointOffset.Share(50), [new RecipientRef(RecipientRole.Assignee)]),
            new Checkpoint(CheckpointOffset.After(Duration.Zero), [new RecipientRef(RecipientRole.GroupLead)], 1));
        var resolution = new Target(Metric.Resolution,
            ImmutableDictionary<string, Duration>.Empty.Add("normal", Duration.FromHours(4)).Add("urgent", Duration.FromHours(1)),
            "24x7", ["pending"], ReopenBehaviour.Resume, checkpoints);
        var agreement = new Agreement
        {
            Id = "acme", Name = "Acme", Kind = AgreementKind.External,
            Policies = [new Policy("all", "All", [], [resolution])],
        };
        return new SlaRules([agreement], BusinessCalendarCatalog.BuiltInOnly);
    }

    [Fact]
    public void Pause_then_priority_raise_keeps_used_time_and_applies_new_budget()
    {
        var ticket = new Ticket
        {
            Source = "t", ExternalId = "1", Created = T0,
            Fields = new TicketFields { Priority = "normal" },
            Timeline =
            [
                TicketEvent.Created(T0, StatusCategory.Open, new Dictionary<string, string> { ["priority"] = "normal" }),
                TicketEvent.StatusChange(T0 + Duration.FromMinutes(30), StatusCategory.Pending),
                TicketEvent.StatusChange(T0 + Duration.FromMinutes(90), StatusCategory.Open),
                TicketEvent.FieldChange(T0 + Duration.FromMinutes(100), "priority", "urgent"),
            ],
        };
        var now = T0 + Duration.FromMinutes(110);
        var clock = Assert.Single(ClockEvaluator.Evaluate(ticket, Rules(), now, explain: true));
        // 30 min running, 60 paused, 20 running → 50 min used; urgent budget 1h → 10 min left.
        Assert.Equal(Duration.FromMinutes(50), clock.Used);
        Assert.Equal(Duration.FromHours(1), clock.Budget);
        Assert.Equal(ClockState.Running, clock.State);
        Assert.Equal(now + Duration.FromMinutes(10), clock.Deadline);
        // The 50 % warning of the urgent budget (30 min used) was crossed at the re-budget at 10:40.
        var warn = clock.Checkpoints[0];
        Assert.Equal(CheckpointState.Due, warn.State);
        Assert.Equal(T0 + Duration.FromMinutes(100), warn.At);
        Assert.Equal(CheckpointState.Upcoming, clock.Checkpoints[1].State);
    }
}
