using SlaTimers.Core.Agreements;
using SlaTimers.Core.Compliance;
using static SlaTimers.Core.Tests.Compliance.ClockRecords;

namespace SlaTimers.Core.Tests.Compliance;

public class BreakdownTests
{
    [Fact]
    public void Tickets_are_counted_once_however_many_clocks_they_have()
    {
        // Ticket 1: first response met + resolution met; ticket 2: resolution breached → 2 tickets, 3 clocks.
        // Ticket "1" of another helpdesk is another ticket → 3 tickets, 4 clocks.
        ClockRecord[] clocks =
        [
            Met(metric: Metric.FirstResponse, ticket: "1"),
            Met(ticket: "1"),
            Breached(ticket: "2"),
            Met(ticket: "1", source: "freshdesk"),
        ];
        var figures = Summarize(External(), clocks).Figures;

        Assert.Equal(3, figures.Tickets);
        Assert.Equal(4, figures.Clocks);
    }

    [Fact]
    public void Rows_break_down_by_policy_then_priority()
    {
        // vip: urgent met, urgent breached, high met → vip 2/3; urgent 1/2 = 50 %, high 1/1 = 100 %.
        // standard: normal met ×2 → 100 %. retired (no longer configured): 1 breached → 0 %.
        // Agreement: 4 met, 2 breached → 400 / 6 = 66.66…; 6 clocks on 6 tickets.
        ClockRecord[] clocks =
        [
            Met(policy: "vip", priority: "urgent"),
            Breached(policy: "vip", priority: "urgent"),
            Met(policy: "vip", priority: "high"),
            Met(policy: "standard", priority: "normal"),
            Met(policy: "standard", priority: "normal"),
            Breached(policy: "retired", priority: "normal"),
        ];
        var row = Summarize(External(policies: ["vip", "standard", "unused"]), clocks);

        Assert.Equal(400m / 6m, row.Figures.CompliancePercent);
        Assert.Equal(6, row.Figures.Tickets);
        Assert.Equal(["vip", "standard", "unused", "retired"], row.Policies.Select(p => p.PolicyId));

        var vip = row.Policies[0];
        Assert.Equal("Policy vip", vip.PolicyName);
        Assert.Equal(200m / 3m, vip.Figures.CompliancePercent);
        // Priorities in ordinal order: "high" < "urgent".
        Assert.Equal(["high", "urgent"], vip.Priorities.Select(p => p.Priority));
        Assert.Equal(100m, vip.Priorities[0].Figures.CompliancePercent);
        Assert.Equal(50m, vip.Priorities[1].Figures.CompliancePercent);

        Assert.Equal(2, row.Policies[1].Figures.Met);
        Assert.Equal(100m, Assert.Single(row.Policies[1].Priorities).Figures.CompliancePercent);

        Assert.Null(row.Policies[2].Figures.CompliancePercent);
        Assert.Empty(row.Policies[2].Priorities);

        Assert.Null(row.Policies[3].PolicyName);
        Assert.Equal(0m, row.Policies[3].Figures.CompliancePercent);
    }

    [Fact]
    public void Clocks_without_policy_or_priority_get_rows_of_their_own_last()
    {
        // Priorities: "normal" then none; policies: "standard" then none.
        ClockRecord[] clocks = [Met(priority: null), Met(), Met(policy: null)];
        var row = Summarize(External(), clocks);

        Assert.Equal(["standard", null], row.Policies.Select(p => p.PolicyId));
        Assert.Equal(["normal", null], row.Policies[0].Priorities.Select(p => p.Priority));
    }

    [Fact]
    public void Clocks_are_reported_under_their_own_agreement_only()
    {
        // acme: 1 met; globex: 1 breached; a clock of an agreement not asked for is left out.
        ClockRecord[] clocks = [Met(agreement: "acme"), Breached(agreement: "globex"), Met(agreement: "other")];
        var report = ComplianceCalculator.Summarize(clocks, [External("acme"), External("globex")], November);

        Assert.Equal(["acme", "globex"], report.Agreements.Select(a => a.AgreementId));
        Assert.Equal(100m, report.Agreements[0].Figures.CompliancePercent);
        Assert.Equal(0m, report.Agreements[1].Figures.CompliancePercent);
        Assert.Empty(report.Groups);
    }

    [Fact]
    public void Ola_rows_add_up_the_internal_agreements_of_each_group()
    {
        // second-line binds two OLAs: ola-respond 1 met + 1 breached, ola-resolve 2 met → 3 / 4 = 75 %.
        // network (ola-network) has no clocks → a zero row. The external agreement's clock is no OLA clock.
        // A clock recorded for "field-service" under ola-resolve counts for that group instead: 1 breached → 0 %.
        Agreement[] agreements =
        [
            External("acme"),
            Internal("ola-respond", "second-line"),
            Internal("ola-resolve", "second-line"),
            Internal("ola-network", "network"),
        ];
        ClockRecord[] clocks =
        [
            Met(agreement: "acme"),
            Met(agreement: "ola-respond", metric: Metric.FirstResponse).AsOla(),
            Breached(agreement: "ola-respond", metric: Metric.FirstResponse).AsOla(),
            Met(agreement: "ola-resolve").AsOla(),
            Met(agreement: "ola-resolve").AsOla(),
            Breached(agreement: "ola-resolve", group: "field-service").AsOla(),
        ];
        var report = ComplianceCalculator.Summarize(clocks, agreements, November);

        Assert.Equal(["field-service", "network", "second-line"], report.Groups.Select(g => g.Group));

        var fieldService = report.Groups[0];
        Assert.Equal(["ola-resolve"], fieldService.AgreementIds.AsEnumerable());
        Assert.Equal(0m, fieldService.Figures.CompliancePercent);

        var network = report.Groups[1];
        Assert.Equal(["ola-network"], network.AgreementIds.AsEnumerable());
        Assert.Null(network.Figures.CompliancePercent);

        var secondLine = report.Groups[2];
        Assert.Equal(["ola-respond", "ola-resolve"], secondLine.AgreementIds.AsEnumerable());
        Assert.Equal(4, secondLine.Figures.Clocks);
        Assert.Equal(75m, secondLine.Figures.CompliancePercent);

        // The OLA's own row keeps its target: ola-resolve 2 met + 1 breached → 66.66… % < 90.
        var olaResolve = report.Agreements.Single(a => a.AgreementId == "ola-resolve");
        Assert.Equal("second-line", olaResolve.Group);
        Assert.False(olaResolve.TargetMet);
    }
}
