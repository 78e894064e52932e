using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Agreements;

/// <summary>An SLA with a customer, or an OLA between teams.</summary>
public enum AgreementKind
{
    External,
    Internal,
}

/// <summary>
/// An agreement: <see cref="AgreementKind.External"/> covers tickets of some organizations during a contract
/// period, with a compliance target and a service-credit rule; <see cref="AgreementKind.Internal"/> binds one
/// group, and its clocks run only while the ticket is assigned to that group. Several agreements can apply
/// to one ticket at once; within one, the first matching policy wins and is re-matched on every change.
/// </summary>
public sealed record Agreement
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required AgreementKind Kind { get; init; }

    /// <summary>External: the organizations covered; empty means every organization.</summary>
    public ImmutableArray<string> Organizations { get; init; } = [];

    /// <summary>Internal: the group the OLA binds.</summary>
    public string? Group { get; init; }

    /// <summary>External: the contract period (tickets created in it are covered); null ends are open.</summary>
    public LocalDate? ContractStart { get; init; }
    public LocalDate? ContractEnd { get; init; }

    /// <summary>The share of clocks that must be met, in percent (0, 100].</summary>
    public decimal CompliancePercent { get; init; } = 95m;

    public ServiceCreditRule? Credit { get; init; }

    public required ImmutableArray<Policy> Policies { get; init; }

    /// <summary>Does this external agreement cover the ticket (organization and contract period)?</summary>
    public bool Covers(TicketFields fields, LocalDate createdDate)
    {
        if (Kind != AgreementKind.External) return true;
        if (ContractStart is { } from && createdDate < from) return false;
        if (ContractEnd is { } to && createdDate > to) return false;
        if (Organizations.IsEmpty) return true;
        foreach (var organization in Organizations)
        {
            if (string.Equals(organization, fields.Organization, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The first policy that matches, or null.</summary>
    public Policy? MatchPolicy(TicketFields fields)
    {
        foreach (var policy in Policies)
        {
            if (policy.Matches(fields)) return policy;
        }
        return null;
    }
}
