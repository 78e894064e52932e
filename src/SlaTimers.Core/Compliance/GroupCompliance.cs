using System.Collections.Immutable;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// One group's row over the internal agreements (OLAs) that bind it: the clocks of every such agreement
/// counted together. Groups have no target of their own (their OLAs may differ); compare each OLA's
/// <see cref="AgreementCompliance"/> for that.
/// </summary>
/// <param name="Group">The group; null for OLA clocks whose agreement names no group.</param>
/// <param name="AgreementIds">The internal agreements that bind this group or have clocks in it, in report order.</param>
public sealed record GroupCompliance(string? Group, ImmutableArray<string> AgreementIds, ComplianceFigures Figures);
