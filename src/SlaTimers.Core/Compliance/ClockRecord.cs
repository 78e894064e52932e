using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// A clock with what compliance reporting needs beside it: the ticket it belongs to (helpdesk connection and
/// the helpdesk's id, so tickets are counted once however many clocks they have) and, for an OLA, the group
/// it binds. Independent of how clocks are stored; each clock should be given once.
/// </summary>
/// <param name="Source">The helpdesk connection the ticket came from (e.g. "zendesk-main").</param>
/// <param name="ExternalId">The helpdesk's id of the ticket.</param>
/// <param name="Clock">The clock as last evaluated.</param>
/// <param name="Group">
/// For a clock of an internal agreement: the group it counted for. Null falls back to the agreement's
/// <see cref="Agreements.Agreement.Group"/>. Ignored for external agreements.
/// </param>
public sealed record ClockRecord(string Source, string ExternalId, Clock Clock, string? Group = null)
{
    public static ClockRecord For(Ticket ticket, Clock clock, string? group = null) =>
        new(ticket.Source, ticket.ExternalId, clock, group);

    /// <summary>The ticket's identity: equal for every clock of one ticket.</summary>
    public (string Source, string ExternalId) TicketKey => (Source, ExternalId);
}
