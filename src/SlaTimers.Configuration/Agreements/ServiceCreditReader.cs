using System.Globalization;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads an external agreement's <c>serviceCredit</c>, one of two forms:
/// <c>{ "percentOfMonthlyFee": 2, "monthlyFee": 12500, "cap": "20%" }</c> (a share of the fee per started
/// percentage point below the compliance target, capped as a share of the fee), or
/// <c>{ "perBreach": 50, "cap": 1000, "onlyBelowTarget": true }</c> (an amount per breach, capped per period).
/// </summary>
internal static class ServiceCreditReader
{
    private const string PercentOfMonthlyFee = "percentOfMonthlyFee", MonthlyFee = "monthlyFee", Cap = "cap",
        PerBreach = "perBreach", OnlyBelowTarget = "onlyBelowTarget";

    private static readonly string[] PropertyNames = [PercentOfMonthlyFee, MonthlyFee, PerBreach, Cap, OnlyBelowTarget];

    private const string PercentForm = "{ \"percentOfMonthlyFee\": 2, \"monthlyFee\": 12500, \"cap\": \"20%\" }";
    private const string BreachForm = "{ \"perBreach\": 50, \"cap\": 1000, \"onlyBelowTarget\": true }";
    public const string Expected = $"a service credit like {PercentForm} or {BreachForm}";

    public static ServiceCreditRule? Read(JsonCursor credit)
    {
        var fields = credit.ReadObject(Expected, PropertyNames);
        if (fields is null) return null;

        var isPercent = fields.Has(PercentOfMonthlyFee) || fields.Has(MonthlyFee);
        var isBreach = fields.Has(PerBreach);
        if (isPercent == isBreach)
        {
            credit.Report(isPercent
                ? $"the service credit mixes both forms: give either '{PercentOfMonthlyFee}' with '{MonthlyFee}' ({PercentForm}) or '{PerBreach}' ({BreachForm})"
                : $"the service credit has neither '{PercentOfMonthlyFee}' nor '{PerBreach}': expected {PercentForm} or {BreachForm}");
            return null;
        }
        return isPercent ? ReadPercentOfFee(fields) : ReadPerBreach(fields);
    }

    private static PercentOfFeeCredit? ReadPercentOfFee(JsonObjectCursor fields)
    {
        var percent = fields.Required(PercentOfMonthlyFee, "the percentage of the monthly fee credited per percentage point below the target, e.g. 2") is { } p
            ? PercentText.Read(p, "the percentage of the monthly fee per point below the target", "2%")
            : null;
        var fee = fields.Required(MonthlyFee, "the monthly fee, e.g. 12500") is { } f ? ReadAmount(f, "the monthly fee", "12500") : null;
        var cap = fields.Required(Cap, "the most that is credited, as a percentage of the monthly fee, e.g. \"20%\"") is { } c
            ? PercentText.Read(c, "the cap as a percentage of the monthly fee", "20%")
            : null;
        if (fields.Optional(OnlyBelowTarget) is { } only)
        {
            only.Report($"'{OnlyBelowTarget}' belongs to the '{PerBreach}' form; a percentage of the fee is credited only below the target anyway: remove it");
            return null;
        }
        return percent is null || fee is null || cap is null ? null : new PercentOfFeeCredit(fee.Value, percent.Value, cap.Value);
    }

    private static AmountPerBreachCredit? ReadPerBreach(JsonObjectCursor fields)
    {
        var amount = fields.Required(PerBreach, "the amount credited per breach, e.g. 50") is { } a ? ReadAmount(a, "the amount per breach", "50") : null;
        var cap = fields.Required(Cap, "the most that is credited per period, as an amount, e.g. 1000") is { } c
            ? ReadAmount(c, "the cap per period (an amount)", "1000")
            : null;
        var onlyBelowTarget = fields.Optional(OnlyBelowTarget) is { } only
            ? only.ReadBool("true (credit only when the compliance target is missed) or false")
            : false;
        return amount is null || cap is null || onlyBelowTarget is null ? null : new AmountPerBreachCredit(amount.Value, cap.Value, onlyBelowTarget.Value);
    }

    private static decimal? ReadAmount(JsonCursor cursor, string meaning, string example)
    {
        var amount = cursor.ReadDecimal($"{meaning} as a number, e.g. {example}");
        if (amount is null or > 0m) return amount;
        cursor.Report($"{amount.Value.ToString(CultureInfo.InvariantCulture)} is not a valid amount: expected {meaning}, more than 0, e.g. {example}");
        return null;
    }
}
