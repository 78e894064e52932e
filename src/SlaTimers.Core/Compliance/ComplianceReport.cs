using System.Collections.Immutable;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// Compliance over one period: a row per agreement (with its policies and their priorities), and, over the
/// internal agreements, a row per group. Made by <see cref="ComplianceCalculator.Summarize"/>.
/// </summary>
/// <param name="Agreements">One row per agreement asked for, in the order given.</param>
/// <param name="Groups">One row per group of the internal agreements (zero rows included), ordered by name, no group last.</param>
public sealed record ComplianceReport(
    ReportingPeriod Period,
    ImmutableArray<AgreementCompliance> Agreements,
    ImmutableArray<GroupCompliance> Groups);
