using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Tests.Agreements;

/// <summary>Service credits of external agreements: a percentage of the fee, or an amount per breach.</summary>
public class ServiceCreditTests
{
    private const string File = AgreementJson.File;
    private const string Path = "$.serviceCredit";

    private static ConfigLoadResult Load(string credit)
    {
        using var folder = new TempConfigFolder().Agreement(AgreementJson.FileName, AgreementJson.Make(top: $""" "serviceCredit": {credit}, """));
        return folder.Load();
    }

    private static ServiceCreditRule? LoadCredit(string credit) => Assert.Single(Load(credit).GetOrThrow().Agreements).Credit;

    [Theory]
    [InlineData("\"20%\"")]
    [InlineData("20")]
    public void Percentage_of_the_monthly_fee_maps_fee_percentage_per_point_and_cap(string cap)
    {
        var credit = LoadCredit($$"""{ "percentOfMonthlyFee": 2, "monthlyFee": 12500, "cap": {{cap}} }""");

        Assert.Equal(new PercentOfFeeCredit(MonthlyFee: 12500m, PercentPerPoint: 2m, CapPercent: 20m), credit);
    }

    [Fact]
    public void Amount_per_breach_maps_amount_cap_and_whether_only_below_target()
    {
        var credit = LoadCredit("""{ "perBreach": 50, "cap": 1000, "onlyBelowTarget": true }""");

        Assert.Equal(new AmountPerBreachCredit(Amount: 50m, Cap: 1000m, OnlyBelowTarget: true), credit);
    }

    [Fact]
    public void Amount_per_breach_is_owed_regardless_of_the_target_unless_configured()
    {
        var credit = LoadCredit("""{ "perBreach": 25.5, "cap": 500 }""");

        Assert.Equal(new AmountPerBreachCredit(25.5m, 500m, OnlyBelowTarget: false), credit);
    }

    [Theory]
    [InlineData("""{ "percentOfMonthlyFee": 2, "monthlyFee": 100, "perBreach": 50, "cap": "20%" }""", Path, "mixes both forms")]
    [InlineData("""{ "cap": 1000 }""", Path, "has neither 'percentOfMonthlyFee' nor 'perBreach'")]
    [InlineData("""{ "percentOfMonthlyFee": 2, "monthlyFee": 12500 }""", Path + ".cap", "'cap' is missing")]
    [InlineData("""{ "percentOfMonthlyFee": 2, "cap": "20%" }""", Path + ".monthlyFee", "'monthlyFee' is missing")]
    [InlineData("""{ "percentOfMonthlyFee": 2, "monthlyFee": 12500, "cap": "120%" }""", Path + ".cap", "120% is outside (0, 100]")]
    [InlineData("""{ "percentOfMonthlyFee": 0, "monthlyFee": 12500, "cap": "20%" }""", Path + ".percentOfMonthlyFee", "0% is outside (0, 100]")]
    [InlineData("""{ "percentOfMonthlyFee": 2, "monthlyFee": -1, "cap": "20%" }""", Path + ".monthlyFee", "-1 is not a valid amount")]
    [InlineData("""{ "percentOfMonthlyFee": 2, "monthlyFee": "12500", "cap": "20%" }""", Path + ".monthlyFee", "found the string \"12500\"")]
    [InlineData("""{ "percentOfMonthlyFee": 2, "monthlyFee": 12500, "cap": "20%", "onlyBelowTarget": true }""", Path + ".onlyBelowTarget", "belongs to the 'perBreach' form")]
    [InlineData("""{ "perBreach": 50, "cap": "20%" }""", Path + ".cap", "the cap per period (an amount)")]
    [InlineData("""{ "perBreach": 50, "cap": 1000, "onlyBelowTarget": "true" }""", Path + ".onlyBelowTarget", "write true without quotes")]
    [InlineData("""{ "perBreach": 0, "cap": 1000 }""", Path + ".perBreach", "0 is not a valid amount")]
    public void Malformed_service_credit_says_what_is_wrong(string credit, string path, string message)
    {
        ProblemAssert.Single(Load(credit), File, path, message);
    }
}
