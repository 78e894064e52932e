namespace SlaTimers.Core.Tickets;

/// <summary>A ticket's identity across SlaTimers: the configured helpdesk name and the helpdesk's own id.</summary>
public readonly record struct TicketKey(string Source, string ExternalId)
{
    public static TicketKey Of(Ticket ticket) => new(ticket.Source, ticket.ExternalId);

    public override string ToString() => $"{Source}:{ExternalId}";
}
