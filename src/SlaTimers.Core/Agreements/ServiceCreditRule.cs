namespace SlaTimers.Core.Agreements;

/// <summary>How an external agreement compensates the customer for missing its compliance target.</summary>
public abstract record ServiceCreditRule
{
    /// <summary>The credit owed for a period, given its compliance and number of breaches.</summary>
    public abstract decimal CreditFor(decimal compliancePercent, decimal targetPercent, int breaches);
}

/// <summary>A percentage of the monthly fee per (started) percentage point below target, capped as a percentage of the fee.</summary>
public sealed record PercentOfFeeCredit(decimal MonthlyFee, decimal PercentPerPoint, decimal CapPercent) : ServiceCreditRule
{
    public override decimal CreditFor(decimal compliancePercent, decimal targetPercent, int breaches)
    {
        if (compliancePercent >= targetPercent) return 0m;
        var pointsBelow = Math.Ceiling(targetPercent - compliancePercent);
        var percent = Math.Min(pointsBelow * PercentPerPoint, CapPercent);
        return Math.Round(MonthlyFee * percent / 100m, 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>A fixed amount per breach, capped per period; owed only when the compliance target is missed, if so configured.</summary>
public sealed record AmountPerBreachCredit(decimal Amount, decimal Cap, bool OnlyBelowTarget) : ServiceCreditRule
{
    public override decimal CreditFor(decimal compliancePercent, decimal targetPercent, int breaches)
    {
        if (OnlyBelowTarget && compliancePercent >= targetPercent) return 0m;
        return Math.Min(Amount * breaches, Cap);
    }
}
