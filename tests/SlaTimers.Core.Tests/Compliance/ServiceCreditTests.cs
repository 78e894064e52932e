using SlaTimers.Core.Agreements;
using static SlaTimers.Core.Tests.Compliance.ClockRecords;

namespace SlaTimers.Core.Tests.Compliance;

public class ServiceCreditTests
{
    // 5 % of a 1000 fee per started point below target, at most 20 % (200).
    private static readonly PercentOfFeeCredit PercentOfFee = new(MonthlyFee: 1000m, PercentPerPoint: 5m, CapPercent: 20m);

    [Fact]
    public void Percent_of_fee_owes_nothing_exactly_at_target()
    {
        // 19 met, 1 breached → 95.00 % = target 95 → 0 points → 0.
        var row = Summarize(External(target: 95m, credit: PercentOfFee), Repeat(19, () => Met()).Append(Breached()));

        Assert.Equal(0m, row.ServiceCredit);
    }

    [Fact]
    public void Percent_of_fee_counts_a_started_point_below_target_as_a_whole_point()
    {
        // 941 met, 59 breached → 94.1 %; 95 − 94.1 = 0.9 → 1 started point → 5 % of 1000 = 50.
        var clocks = Repeat(941, () => Met()).Concat(Repeat(59, () => Breached()));
        var row = Summarize(External(target: 95m, credit: PercentOfFee), clocks);

        Assert.Equal(94.1m, row.Figures.CompliancePercent);
        Assert.Equal(50m, row.ServiceCredit);
    }

    [Fact]
    public void Percent_of_fee_rounds_two_and_a_half_points_up_to_three()
    {
        // 37 met, 3 breached → 3700 / 40 = 92.5 %; 95 − 92.5 = 2.5 → 3 points → 15 % of 1000 = 150.
        var clocks = Repeat(37, () => Met()).Concat(Repeat(3, () => Breached()));
        var row = Summarize(External(target: 95m, credit: PercentOfFee), clocks);

        Assert.Equal(92.5m, row.Figures.CompliancePercent);
        Assert.Equal(150m, row.ServiceCredit);
    }

    [Fact]
    public void Percent_of_fee_is_capped()
    {
        // 8 met, 2 breached → 80 %; 15 points × 5 % = 75 %, capped at 20 % → 200.
        var clocks = Repeat(8, () => Met()).Concat(Repeat(2, () => Breached()));
        var row = Summarize(External(target: 95m, credit: PercentOfFee), clocks);

        Assert.Equal(200m, row.ServiceCredit);
    }

    [Fact]
    public void Percent_of_fee_judges_the_exact_value_not_the_displayed_one()
    {
        // 968 met of 1019 → 94.995… %: below 95 by 0.0049… → 1 started point → 50, though it displays as 94.99.
        var clocks = Repeat(968, () => Met()).Concat(Repeat(51, () => Breached()));
        var row = Summarize(External(target: 95m, credit: PercentOfFee), clocks);

        Assert.Equal(50m, row.ServiceCredit);
    }

    [Fact]
    public void Amount_per_breach_is_owed_for_every_breach_even_above_target()
    {
        // 98 met, 2 breached → 98 % ≥ 95, but the rule applies always: 2 × 100 = 200.
        var rule = new AmountPerBreachCredit(Amount: 100m, Cap: 250m, OnlyBelowTarget: false);
        var clocks = Repeat(98, () => Met()).Concat(Repeat(2, () => Breached()));
        var row = Summarize(External(target: 95m, credit: rule), clocks);

        Assert.True(row.TargetMet);
        Assert.Equal(200m, row.ServiceCredit);
    }

    [Fact]
    public void Amount_per_breach_is_capped()
    {
        // 5 breached (one still running) → 5 × 100 = 500, capped at 250.
        var rule = new AmountPerBreachCredit(Amount: 100m, Cap: 250m, OnlyBelowTarget: false);
        var clocks = Repeat(4, () => Breached()).Append(Breached(running: true));
        var row = Summarize(External(credit: rule), clocks);

        Assert.Equal(5, row.Figures.Breached);
        Assert.Equal(250m, row.ServiceCredit);
    }

    [Fact]
    public void Amount_per_breach_only_below_target_owes_nothing_at_target()
    {
        // 19 met, 1 breached → 95 % = target → nothing, despite the breach.
        var rule = new AmountPerBreachCredit(Amount: 100m, Cap: 250m, OnlyBelowTarget: true);
        var row = Summarize(External(target: 95m, credit: rule), Repeat(19, () => Met()).Append(Breached()));

        Assert.Equal(0m, row.ServiceCredit);
    }

    [Fact]
    public void Amount_per_breach_only_below_target_owes_per_breach_below_target()
    {
        // 18 met, 2 breached → 90 % < 95 → 2 × 100 = 200 (under the cap of 250).
        var rule = new AmountPerBreachCredit(Amount: 100m, Cap: 250m, OnlyBelowTarget: true);
        var clocks = Repeat(18, () => Met()).Concat(Repeat(2, () => Breached()));
        var row = Summarize(External(target: 95m, credit: rule), clocks);

        Assert.Equal(200m, row.ServiceCredit);
    }

    [Fact]
    public void An_agreement_without_a_credit_rule_owes_nothing_below_target()
    {
        // 1 met, 1 breached → 50 %, far below 95, but no rule → 0.
        var row = Summarize(External(credit: null), [Met(), Breached()]);

        Assert.False(row.TargetMet);
        Assert.Equal(0m, row.ServiceCredit);
    }

    [Fact]
    public void An_internal_agreement_owes_no_service_credit()
    {
        // OLAs are between teams: 1 met, 1 breached → 50 % < 90, a rule configured, still 0.
        var ola = Internal("ola-second-line", "second-line", target: 90m, credit: new AmountPerBreachCredit(100m, 250m, false));
        var row = Summarize(ola, [Met(agreement: ola.Id).AsOla(), Breached(agreement: ola.Id).AsOla()]);

        Assert.False(row.TargetMet);
        Assert.Equal(0m, row.ServiceCredit);
    }
}
