using System.Collections.Immutable;

namespace SlaTimers.Core.Tickets;

/// <summary>
/// The values of a ticket's matchable fields at one moment: what policies are matched against. Replaying
/// a timeline produces one of these per change.
/// </summary>
public sealed record TicketFields
{
    public string? Priority { get; init; }
    public string? Type { get; init; }
    public string? Group { get; init; }
    public string? Assignee { get; init; }
    public string? Organization { get; init; }
    public string? Channel { get; init; }
    public ImmutableHashSet<string> Tags { get; init; } = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);
    public ImmutableDictionary<string, string> Custom { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);
    public StatusCategory Status { get; init; } = StatusCategory.New;

    /// <summary>The helpdesk's own status name ("Waiting for customer"); pause rules may name it.</summary>
    public string? StatusName { get; init; }

    /// <summary>The value of a field by its configuration name (tags as a comma-separated list).</summary>
    public string? Get(string field) => field switch
    {
        TicketFieldNames.Priority => Priority,
        TicketFieldNames.Type => Type,
        TicketFieldNames.Group => Group,
        TicketFieldNames.Assignee => Assignee,
        TicketFieldNames.Organization => Organization,
        TicketFieldNames.Channel => Channel,
        TicketFieldNames.Tags => string.Join(",", Tags.Order(StringComparer.OrdinalIgnoreCase)),
        _ when field.StartsWith(TicketFieldNames.CustomPrefix, StringComparison.Ordinal) =>
            Custom.GetValueOrDefault(field[TicketFieldNames.CustomPrefix.Length..]),
        _ => null,
    };

    /// <summary>
    /// A copy with one field set; tags take a comma-separated list; an empty value clears the field. Setting a
    /// plain field to the value it has returns this instance (replays set the same values often).
    /// </summary>
    public TicketFields With(string field, string? value)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return field switch
        {
            TicketFieldNames.Priority => v == Priority ? this : this with { Priority = v },
            TicketFieldNames.Type => v == Type ? this : this with { Type = v },
            TicketFieldNames.Group => v == Group ? this : this with { Group = v },
            TicketFieldNames.Assignee => v == Assignee ? this : this with { Assignee = v },
            TicketFieldNames.Organization => v == Organization ? this : this with { Organization = v },
            TicketFieldNames.Channel => v == Channel ? this : this with { Channel = v },
            TicketFieldNames.Tags => this with { Tags = ParseTags(v) },
            _ when field.StartsWith(TicketFieldNames.CustomPrefix, StringComparison.Ordinal) => this with
            {
                Custom = v is null
                    ? Custom.Remove(field[TicketFieldNames.CustomPrefix.Length..])
                    : Custom.SetItem(field[TicketFieldNames.CustomPrefix.Length..], v),
            },
            _ => throw new ArgumentException($"Unknown ticket field '{field}'.", nameof(field)),
        };
    }

    public static ImmutableHashSet<string> ParseTags(string? commaSeparated) =>
        (commaSeparated ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
}
