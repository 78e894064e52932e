using System.Collections.Immutable;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Core.Compliance;

/// <summary>One agreement's row: its figures against its target, the credit owed, and its policies.</summary>
public sealed record AgreementCompliance
{
    public required string AgreementId { get; init; }
    public required string Name { get; init; }
    public required AgreementKind Kind { get; init; }

    /// <summary>Internal: the group the OLA binds.</summary>
    public string? Group { get; init; }

    /// <summary>The agreement's compliance target in percent.</summary>
    public required decimal TargetPercent { get; init; }

    public required ComplianceFigures Figures { get; init; }

    /// <summary>
    /// Whether the exact <see cref="ComplianceFigures.CompliancePercent"/> reaches <see cref="TargetPercent"/>
    /// (equal counts as met); null when no clock was decided in the period.
    /// </summary>
    public bool? TargetMet { get; init; }

    /// <summary>
    /// The credit owed for the period under the agreement's <see cref="ServiceCreditRule"/>, in the rule's
    /// currency; 0 for internal agreements, agreements without a rule, and periods without decided clocks.
    /// </summary>
    public decimal ServiceCredit { get; init; }

    /// <summary>The configured policies in their order (zero rows included), then policies seen only on clocks.</summary>
    public ImmutableArray<PolicyCompliance> Policies { get; init; } = [];
}
