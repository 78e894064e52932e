using SlaTimers.Core.Clocks;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Records;

/// <summary>Values of a <c>tickets</c> row that are derived rather than given.</summary>
internal static class TicketColumns
{
    /// <summary>
    /// What re-evaluation after a configuration change visits: a ticket with an open clock, and also one that is
    /// not solved or closed (a new or edited policy may start clocks on a ticket that has none yet).
    /// </summary>
    public static bool IsOpen(TicketRecord record) =>
        !record.Ticket.Fields.Status.IsDone() || (!record.Clocks.IsDefault && record.Clocks.Any(c => c.State.IsOpen()));
}
