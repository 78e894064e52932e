namespace SlaTimers.Core.Tickets;

/// <summary>What happened to a ticket. Connectors translate their audits into these.</summary>
public enum TicketEventKind
{
    /// <summary>The ticket was created (by the customer's first message); carries initial field values.</summary>
    Created,

    /// <summary>A matchable field changed: priority, type, group, assignee, organization, channel, tags, custom.*.</summary>
    FieldChanged,

    /// <summary>The status changed (solved and reopened are status changes into and out of solved/closed).</summary>
    StatusChanged,

    /// <summary>An agent replied publicly to the customer.</summary>
    AgentReply,

    /// <summary>The customer (requester) wrote a message.</summary>
    CustomerMessage,

    /// <summary>The ticket was merged into another: its open clocks are cancelled.</summary>
    Merged,

    /// <summary>The ticket was deleted: its open clocks are cancelled.</summary>
    Deleted,
}
