using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Tickets;

/// <summary>
/// A helpdesk ticket in the common model: identity, what people see, and its current field values.
/// Its SLA history is the <see cref="Timeline"/>; clocks are always recomputed from it.
/// </summary>
public sealed record Ticket
{
    /// <summary>The helpdesk connection this ticket came from (e.g. "zendesk-main").</summary>
    public required string Source { get; init; }

    /// <summary>The helpdesk's id of the ticket.</summary>
    public required string ExternalId { get; init; }

    /// <summary>What people call it: "ZD-4821".</summary>
    public string DisplayId => string.IsNullOrEmpty(DisplayPrefix) ? ExternalId : $"{DisplayPrefix}-{ExternalId}";

    public string? DisplayPrefix { get; init; }
    public required Instant Created { get; init; }
    public string Subject { get; init; } = "";
    public string? Requester { get; init; }
    public string? Link { get; init; }

    /// <summary>Current field values (also the initial values of fields no event changes).</summary>
    public TicketFields Fields { get; init; } = new();

    public ImmutableArray<TicketEvent> Timeline { get; init; } = [];
}
