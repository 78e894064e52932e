using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Configuration.Tests;

/// <summary>
/// The agreements and recipients shipped in <c>config/</c> map to the Core objects they describe: the Dutch
/// customer contract (<c>gemeente-voorbeeld</c>), the second-line OLA, and who gets notified.
/// </summary>
public class ExampleAgreementTests
{
    private static readonly SlaConfiguration Config = ExampleConfigTests.Config;

    private static Agreement Agreement(string id) => Assert.Single(Config.Agreements, a => a.Id == id);

    private static Target Target(string agreement, string policy, Metric metric) =>
        Assert.Single(Agreement(agreement).Policies, p => p.Id == policy).TargetFor(metric)!;

    [Fact]
    public void Dutch_servicedesk_day_is_8h30m_because_Monday_to_Thursday_beat_the_short_Friday()
    {
        // Monday-Thursday 08:30-12:30 + 13:00-17:30 = 4h + 4h30m; Friday 08:30-12:30 + 13:00-16:00 = 7h.
        var definition = Config.Calendars.Get("nl-servicedesk").Definition;

        Assert.Equal(Duration.FromMinutes(8 * 60 + 30), definition.Week.TypicalDayLength);
        Assert.Null(definition.BusinessDayLength);
    }

    [Fact]
    public void Standard_budgets_in_days_count_Dutch_servicedesk_days_of_8h30m()
    {
        var firstResponse = Target("gemeente-voorbeeld", "standard", Metric.FirstResponse);
        var nextResponse = Target("gemeente-voorbeeld", "standard", Metric.NextResponse);
        var resolution = Target("gemeente-voorbeeld", "standard", Metric.Resolution);

        Assert.Equal("nl-servicedesk", firstResponse.CalendarId);
        Assert.Equal(Duration.FromMinutes(30), firstResponse.Budgets["P1"]);
        Assert.Equal(Duration.FromHours(4), firstResponse.Budgets["P3"]);
        Assert.Equal(Duration.FromMinutes(8 * 60 + 30), firstResponse.Budgets["P4"]);
        Assert.Equal(Duration.FromHours(17), nextResponse.Budgets["P4"]);
        Assert.Equal(Duration.FromMinutes(3 * 510), resolution.Budgets["P3"]);
        Assert.Equal(Duration.FromMinutes(10 * 510), resolution.Budgets["P4"]);
        Assert.Equal<string>(["pending", "on-hold", "Wacht op leverancier"], resolution.PauseStatuses);
    }

    [Fact]
    public void Gemeente_contract_is_external_for_its_organization_with_95_percent_and_a_fee_credit()
    {
        var agreement = Agreement("gemeente-voorbeeld");

        Assert.Equal(AgreementKind.External, agreement.Kind);
        Assert.Equal<string>(["Gemeente Voorbeeld"], agreement.Organizations);
        Assert.Equal((new LocalDate(2026, 1, 1), new LocalDate(2027, 12, 31)), (agreement.ContractStart!.Value, agreement.ContractEnd!.Value));
        Assert.Equal(95m, agreement.CompliancePercent);
        Assert.Equal(new PercentOfFeeCredit(MonthlyFee: 12500m, PercentPerPoint: 2m, CapPercent: 20m), agreement.Credit);
        Assert.Equal(["major-incident", "standard"], agreement.Policies.Select(p => p.Id));
    }

    [Fact]
    public void Major_incident_policy_needs_priority_P1_and_the_major_incident_tag()
    {
        var policy = Agreement("gemeente-voorbeeld").Policies[0];

        Assert.Equal(["priority in (P1)", "tags any of (major-incident)"], policy.Conditions.Select(c => c.Describe()));
        var field = Assert.IsType<FieldCondition>(policy.Conditions[0]);
        Assert.Equal(("priority", false), (field.Field, field.Negated));
        Assert.Equal(TagMatch.Any, Assert.IsType<TagCondition>(policy.Conditions[1]).Match);
        Assert.Equal([Metric.FirstResponse, Metric.PeriodicUpdate, Metric.Resolution], policy.Targets.Select(t => t.Metric));
        Assert.All(policy.Targets, t => Assert.Equal("24x7", t.CalendarId));
    }

    [Fact]
    public void Major_incident_resolution_escalates_at_the_deadline_then_an_hour_later_in_wall_clock_time()
    {
        var resolution = Target("gemeente-voorbeeld", "major-incident", Metric.Resolution);

        Assert.Equal(Duration.FromHours(4), resolution.Budgets["P1"]);
        Assert.Equal(ReopenBehaviour.Resume, resolution.OnReopen);
        Assert.Equal(
            [(CheckpointOffset.Share(75), 0), (CheckpointOffset.After(Duration.Zero), 1), (CheckpointOffset.After(Duration.FromHours(1), wallClock: true), 2)],
            resolution.Checkpoints.Select(c => (c.Offset, c.Level)));
        Assert.Equal<RecipientRef>(
            [new RecipientRef(RecipientRole.Manager), new RecipientRef(RecipientRole.Named, "servicedesk-channel")],
            resolution.Checkpoints[2].Recipients);
    }

    [Fact]
    public void First_matching_policy_wins_a_tagged_P1_is_a_major_incident_and_a_P3_is_standard()
    {
        var agreement = Agreement("gemeente-voorbeeld");
        var majorIncident = new TicketFields { Priority = "P1", Tags = ["major-incident"] };
        var ordinary = new TicketFields { Priority = "P3", Tags = ["major-incident"] };

        Assert.Equal("major-incident", agreement.MatchPolicy(majorIncident)?.Id);
        Assert.Equal("standard", agreement.MatchPolicy(ordinary)?.Id);
    }

    [Fact]
    public void Second_line_OLA_binds_its_group_and_restarts_resolution_on_reopen()
    {
        var agreement = Agreement("ola-second-line");
        var resolution = Target("ola-second-line", "second-line", Metric.Resolution);

        Assert.Equal((AgreementKind.Internal, "Second line", 90m), (agreement.Kind, agreement.Group, agreement.CompliancePercent));
        Assert.Null(agreement.Credit);
        Assert.Equal(ReopenBehaviour.Restart, resolution.OnReopen);
        Assert.Equal(Duration.FromHours(16), resolution.Budgets["P4"]);
        Assert.Equal(Duration.FromMinutes(510), Target("ola-second-line", "second-line", Metric.FirstResponse).Budgets["P4"]);
        Assert.Equal(["75%", "+0", "+2h"], resolution.Checkpoints.Select(c => c.Offset.ToString()));
    }

    [Fact]
    public void Recipients_have_languages_quiet_hours_groups_and_an_unresolved_webhook_target()
    {
        var recipients = Config.Recipients;

        var jan = recipients.FindByHelpdeskId("zendesk:381245001")!;
        // The servicedesk takes warnings at any hour (so the demo shows them at once); the second line keeps office hours.
        Assert.Equal(("j.devries", "nl", null), (jan.Id, jan.Language, jan.QuietHoursCalendarId));
        Assert.Equal("uk-support", recipients.FindPerson("e.smith")!.QuietHoursCalendarId);
        var desk = recipients.FindGroup("Servicedesk")!;
        Assert.Equal(("m.jansen", "p.visser", "servicedesk-channel"), (desk.Lead, desk.Manager, desk.Channel));
        Assert.Equal<string>(["j.devries", "s.bakker"], desk.Members);
        var channel = recipients.FindChannel("servicedesk-channel")!;
        Assert.Equal(("teams-webhook", "env:SLATIMERS_TEAMS_WEBHOOK_SERVICEDESK", "nl"), (channel.Type, channel.Target, channel.Language));
    }
}
