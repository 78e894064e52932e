using System.Collections.Immutable;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// Compliance math over a period's clocks: pure, deterministic, no I/O.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A clock counts in the period in which it was decided — met at its stop, breached at its deadline — and
/// running, paused and cancelled clocks never count (see <see cref="PeriodStandings"/>); clocks open at the
/// period's end are reported as <see cref="ComplianceFigures.Open"/>.</item>
/// <item>Compliance is met ÷ (met + breached) × 100, exact; targets and credits use the exact value,
/// <see cref="ComplianceFigures.DisplayCompliancePercent"/> cuts it to 2 decimals toward zero.</item>
/// <item>Business-time medians and 90th percentiles are nearest-rank (<see cref="NearestRank"/>) over the
/// first-response and resolution clocks that stopped (met or breached-stopped) in the period.</item>
/// <item>The service credit of an external agreement is its rule applied to the exact compliance, its target
/// and the number of breaches in the period; a percent-of-fee rule counts the period as one month's fee.</item>
/// </list>
/// Clocks are matched to agreements by <see cref="Clocks.Clock.AgreementId"/>; clocks of agreements not given
/// are left out. Ids, policies, priorities and groups compare ordinally.
/// </remarks>
public static class ComplianceCalculator
{
    /// <summary>Compliance of <paramref name="agreements"/> over <paramref name="period"/>.</summary>
    /// <param name="clocks">Every clock that may bear on the period, each once; others are filtered out here.</param>
    /// <param name="agreements">The agreements to report, in report order; each gets a row, clocks or not.</param>
    /// <param name="period">Usually a month in the agreement's reporting zone: <see cref="ReportingPeriod.Month"/>.</param>
    /// <exception cref="ArgumentException">A met clock without a stop, or a breached one without a breach instant.</exception>
    public static ComplianceReport Summarize(
        IEnumerable<ClockRecord> clocks,
        IReadOnlyList<Agreement> agreements,
        ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(period);

        var byAgreement = clocks
            .Select(record => new CountedClock(record, record.Clock.StandingIn(period)))
            .Where(counted => counted.Standing != PeriodStanding.NotCounted)
            .ToLookup(counted => counted.Record.Clock.AgreementId, StringComparer.Ordinal);

        var rows = agreements.Select(agreement => Row(agreement, [.. byAgreement[agreement.Id]])).ToImmutableArray();
        var groups = GroupRows(agreements, byAgreement);
        return new ComplianceReport(period, rows, groups);
    }

    private static AgreementCompliance Row(Agreement agreement, IReadOnlyList<CountedClock> counted)
    {
        var figures = FiguresBuilder.Build(counted);
        var credit = agreement is { Kind: AgreementKind.External, Credit: { } rule } && figures.CompliancePercent is { } percent
            ? rule.CreditFor(percent, agreement.CompliancePercent, figures.Breached)
            : 0m;
        return new AgreementCompliance
        {
            AgreementId = agreement.Id,
            Name = agreement.Name,
            Kind = agreement.Kind,
            Group = agreement.Group,
            TargetPercent = agreement.CompliancePercent,
            Figures = figures,
            TargetMet = figures.CompliancePercent is { } exact ? exact >= agreement.CompliancePercent : null,
            ServiceCredit = credit,
            Policies = PolicyRows(agreement, counted),
        };
    }

    private static ImmutableArray<PolicyCompliance> PolicyRows(Agreement agreement, IReadOnlyList<CountedClock> counted)
    {
        var byPolicy = counted.ToLookup(c => c.Record.Clock.PolicyId, StringComparer.Ordinal);
        var configured = agreement.Policies.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var seenOnly = byPolicy
            .Select(g => g.Key)
            .Where(id => id is null || !configured.Contains(id))
            .OrderBy(id => id is null)
            .ThenBy(id => id, StringComparer.Ordinal);

        return
        [
            .. agreement.Policies.Select(p => PolicyRow(p.Id, p.Name, byPolicy[p.Id])),
            .. seenOnly.Select(id => PolicyRow(id, null, byPolicy[id])),
        ];
    }

    private static PolicyCompliance PolicyRow(string? id, string? name, IEnumerable<CountedClock> counted)
    {
        var list = counted.ToList();
        var priorities = list
            .GroupBy(c => c.Record.Clock.Priority, StringComparer.Ordinal)
            .OrderBy(g => g.Key is null)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PriorityCompliance(g.Key, FiguresBuilder.Build(g)))
            .ToImmutableArray();
        return new PolicyCompliance(id, name, FiguresBuilder.Build(list), priorities);
    }

    private static ImmutableArray<GroupCompliance> GroupRows(IReadOnlyList<Agreement> agreements, ILookup<string, CountedClock> byAgreement)
    {
        // Keyed by a one-element tuple so that "no group" (null) is a key like any other.
        var groups = new Dictionary<ValueTuple<string?>, (List<string> AgreementIds, List<CountedClock> Clocks)>();
        foreach (var agreement in agreements.Where(a => a.Kind == AgreementKind.Internal))
        {
            // Every OLA's own group has a row, even without clocks, as every agreement does.
            Add(agreement.Group, agreement.Id, null);
            foreach (var counted in byAgreement[agreement.Id])
            {
                Add(counted.Record.Group ?? agreement.Group, agreement.Id, counted);
            }
        }

        return
        [
            .. groups
                .OrderBy(g => g.Key.Item1 is null)
                .ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
                .Select(g => new GroupCompliance(g.Key.Item1, [.. g.Value.AgreementIds], FiguresBuilder.Build(g.Value.Clocks))),
        ];

        void Add(string? group, string agreementId, CountedClock? counted)
        {
            if (!groups.TryGetValue(new(group), out var entry))
            {
                entry = ([], []);
                groups.Add(new(group), entry);
            }
            if (!entry.AgreementIds.Contains(agreementId, StringComparer.Ordinal)) entry.AgreementIds.Add(agreementId);
            if (counted is { } clock) entry.Clocks.Add(clock);
        }
    }
}
