using NodaTime;

namespace SlaTimers.Testing.Zendesk;

/// <summary>
/// A ticket of the simulated Zendesk account, as the incremental export shows it now. Its history is
/// <see cref="Audits"/>; without them the account makes the creating audit from the ticket's fields
/// (<see cref="StubAudits.Creation"/>), or uses its own story (<see cref="ZendeskAccount.Story"/>).
/// </summary>
public sealed record StubTicket
{
    public required long Id { get; init; }
    public required Instant Created { get; init; }

    /// <summary>When it last changed: the export lists tickets by this (default: <see cref="Created"/>).</summary>
    public Instant? Updated { get; init; }

    /// <summary>Zendesk's status: <c>new</c>, <c>open</c>, <c>pending</c>, <c>hold</c>, <c>solved</c>, <c>closed</c>.</summary>
    public string Status { get; init; } = "open";

    /// <summary><c>urgent</c>, <c>high</c>, <c>normal</c> or <c>low</c>.</summary>
    public string? Priority { get; init; } = "normal";

    public string Type { get; init; } = "incident";
    public long? GroupId { get; init; }
    public long? OrganizationId { get; init; }
    public long? AssigneeId { get; init; }
    public long RequesterId { get; init; } = StubUsers.Requester;
    public string Subject { get; init; } = "Printer on fire";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Channel { get; init; } = "web";

    public IReadOnlyList<StubAudit>? Audits { get; init; }

    public Instant LastUpdate => Updated ?? Created;
}

/// <summary>One audit: who changed what, when. Its events are field values set and comments written.</summary>
public sealed record StubAudit(long Id, Instant At, long AuthorId, IReadOnlyList<StubEvent> Events);

/// <summary>
/// A child event of an audit. <see cref="Value"/> is written as JSON: a string, a number (<see cref="long"/>), a list
/// of strings (tags) or null.
/// </summary>
public sealed record StubEvent(long Id, string Type, string? Field = null, object? Value = null, long? AuthorId = null, bool Public = true)
{
    public static StubEvent Create(long id, string field, object? value) => new(id, "Create", field, value);

    public static StubEvent Change(long id, string field, object? value) => new(id, "Change", field, value);

    public static StubEvent Comment(long id, long authorId, bool isPublic = true) => new(id, "Comment", AuthorId: authorId, Public: isPublic);
}

public sealed record StubUser(long Id, string Name, string Email, string Role);

/// <summary>Well-known users of the simulated account.</summary>
public static class StubUsers
{
    public const long Requester = 20978392;
    public const long Agent = 235323;

    /// <summary>The users every account starts with (and every scripted <see cref="ZendeskJson.ExportPage"/> sideloads).</summary>
    public static IReadOnlyList<StubUser> Everyone { get; } =
    [
        new(Requester, "Annelies Mulder", "a.mulder@voorbeeld.nl", "end-user"),
        new(Agent, "Jan de Vries", "j.devries@example.nl", "agent"),
    ];
}

/// <summary>Audits made from a ticket's fields.</summary>
public static class StubAudits
{
    /// <summary>
    /// The creating audit, at <see cref="StubTicket.Created"/> by the requester: the ticket's status, priority, type,
    /// group, organization, assignee, tags and subject, and the request as a comment. Ids derive from the ticket id.
    /// </summary>
    public static StubAudit Creation(StubTicket ticket)
    {
        var id = ticket.Id * 100 + 1;
        var events = new List<StubEvent>(9)
        {
            StubEvent.Create(id * 10 + 1, "status", ticket.Status == "new" ? "new" : "open"),
            StubEvent.Create(id * 10 + 2, "type", ticket.Type),
            StubEvent.Create(id * 10 + 3, "subject", ticket.Subject),
        };
        if (ticket.Priority is { } priority) events.Add(StubEvent.Create(id * 10 + 4, "priority", priority));
        if (ticket.GroupId is { } group) events.Add(StubEvent.Create(id * 10 + 5, "group_id", group));
        if (ticket.OrganizationId is { } organization) events.Add(StubEvent.Create(id * 10 + 6, "organization_id", organization));
        if (ticket.AssigneeId is { } assignee) events.Add(StubEvent.Create(id * 10 + 7, "assignee_id", assignee));
        if (ticket.Tags.Count > 0) events.Add(StubEvent.Create(id * 10 + 8, "tags", ticket.Tags));
        events.Add(StubEvent.Comment(id * 10 + 9, ticket.RequesterId));
        return new StubAudit(id, ticket.Created, ticket.RequesterId, events);
    }
}
