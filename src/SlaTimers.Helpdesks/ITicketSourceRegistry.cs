using SlaTimers.Core.Sync;

namespace SlaTimers.Helpdesks;

/// <summary>The configured helpdesks by name: what the sync jobs are scheduled for, and each one's ticket source.</summary>
public interface ITicketSourceRegistry
{
    /// <summary>Every configured helpdesk, in configuration order.</summary>
    IReadOnlyList<HelpdeskDescriptor> Helpdesks { get; }

    /// <summary>
    /// The ticket source of the helpdesk named <paramref name="name"/> (case-insensitive). Ask for it per sync
    /// run: a source may hold HTTP clients that the client factory rotates.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No helpdesk of that name is configured.</exception>
    ITicketSource Get(string name);
}

/// <summary>One configured helpdesk: its name (<see cref="SlaTimers.Core.Tickets.Ticket.Source"/>), type and poll interval.</summary>
public sealed record HelpdeskDescriptor(string Name, string Type, TimeSpan PollInterval);
