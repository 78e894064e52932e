using System.Collections.Immutable;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Serialization;

/// <summary>The <c>ticket</c> column: what the ticket's own columns do not hold (its current fields above all).</summary>
internal sealed record TicketDocument(string? DisplayPrefix, string? Requester, FieldsDocument Fields)
{
    public static TicketDocument From(Ticket ticket) => new(ticket.DisplayPrefix, ticket.Requester, FieldsDocument.From(ticket.Fields));
}

internal sealed record FieldsDocument(
    string? Priority,
    string? Type,
    string? Group,
    string? Assignee,
    string? Organization,
    string? Channel,
    string[]? Tags,
    SortedDictionary<string, string>? Custom,
    StatusCategory Status,
    string? StatusName)
{
    public static FieldsDocument From(TicketFields fields) => new(
        fields.Priority,
        fields.Type,
        fields.Group,
        fields.Assignee,
        fields.Organization,
        fields.Channel,
        fields.Tags.IsEmpty ? null : [.. fields.Tags.Order(StringComparer.OrdinalIgnoreCase)],
        fields.Custom.IsEmpty ? null : new SortedDictionary<string, string>(fields.Custom, StringComparer.Ordinal),
        fields.Status,
        fields.StatusName);

    public TicketFields ToFields() => new()
    {
        Priority = Priority,
        Type = Type,
        Group = Group,
        Assignee = Assignee,
        Organization = Organization,
        Channel = Channel,
        // The domain's sets and maps ignore case; keep their comparers on the way back.
        Tags = (Tags ?? []).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase),
        Custom = (Custom ?? []).ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        Status = Status,
        StatusName = StatusName,
    };
}
