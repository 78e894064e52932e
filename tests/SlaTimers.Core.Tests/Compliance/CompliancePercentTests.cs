using SlaTimers.Core.Agreements;
using static SlaTimers.Core.Tests.Compliance.ClockRecords;

namespace SlaTimers.Core.Tests.Compliance;

public class CompliancePercentTests
{
    [Fact]
    public void Compliance_is_met_clocks_over_decided_clocks_in_percent()
    {
        // 3 met, 1 breached → 3 / (3 + 1) × 100 = 75 %.
        var row = Summarize(External(), [Met(), Met(), Met(), Breached()]);

        Assert.Equal(3, row.Figures.Met);
        Assert.Equal(1, row.Figures.Breached);
        Assert.Equal(4, row.Figures.Clocks);
        Assert.Equal(75m, row.Figures.CompliancePercent);
        Assert.False(row.TargetMet);
    }

    [Fact]
    public void Compliance_keeps_the_exact_value_and_displays_two_decimals()
    {
        // 2 met, 1 breached → 200 / 3 = 66.666… (exact to decimal precision); display 66.66.
        var row = Summarize(External(), [Met(), Met(), Breached()]);

        Assert.Equal(200m / 3m, row.Figures.CompliancePercent);
        Assert.Equal(66.66m, row.Figures.DisplayCompliancePercent);
    }

    [Fact]
    public void Display_is_cut_toward_zero_so_a_missed_target_never_shows_as_met()
    {
        // 968 met of 1019 → 96800 / 1019 = 94.99509… %: half-up rounding would show 95.00,
        // cutting shows 94.99; the target of 95 is missed on the exact value.
        var clocks = Repeat(968, () => Met()).Concat(Repeat(51, () => Breached()));
        var row = Summarize(External(target: 95m), clocks);

        Assert.Equal(94.99m, row.Figures.DisplayCompliancePercent);
        Assert.True(row.Figures.CompliancePercent < 95m);
        Assert.False(row.TargetMet);
    }

    [Fact]
    public void Compliance_exactly_at_target_meets_it()
    {
        // 19 met, 1 breached → 1900 / 20 = 95.00 % = target 95 → met.
        var row = Summarize(External(target: 95m), Repeat(19, () => Met()).Append(Breached()));

        Assert.Equal(95m, row.Figures.CompliancePercent);
        Assert.Equal(95.00m, row.Figures.DisplayCompliancePercent);
        Assert.True(row.TargetMet);
    }

    [Fact]
    public void An_agreement_without_clocks_has_no_compliance_and_owes_no_credit()
    {
        var rule = new PercentOfFeeCredit(MonthlyFee: 1000m, PercentPerPoint: 5m, CapPercent: 20m);
        var row = Summarize(External(credit: rule), []);

        Assert.Equal(0, row.Figures.Tickets);
        Assert.Equal(0, row.Figures.Clocks);
        Assert.Null(row.Figures.CompliancePercent);
        Assert.Null(row.Figures.DisplayCompliancePercent);
        Assert.Null(row.TargetMet);
        Assert.Equal(0m, row.ServiceCredit);
        Assert.Null(row.Figures.MedianResolution);
        Assert.Equal("standard", Assert.Single(row.Policies).PolicyId);
    }

    [Fact]
    public void Only_breached_clocks_give_zero_percent()
    {
        // 0 met, 2 breached → 0 / 2 × 100 = 0 % (a value, not "no compliance").
        var row = Summarize(External(), [Breached(), Breached(running: true)]);

        Assert.Equal(0m, row.Figures.CompliancePercent);
        Assert.False(row.TargetMet);
    }
}
