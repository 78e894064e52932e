namespace SlaTimers.Core.Tickets;

/// <summary>The ticket fields that policies can match and that <see cref="TicketEventKind.FieldChanged"/> can set.</summary>
public static class TicketFieldNames
{
    public const string Priority = "priority";
    public const string Type = "type";
    public const string Group = "group";
    public const string Assignee = "assignee";
    public const string Organization = "organization";
    public const string Channel = "channel";
    public const string Tags = "tags";

    /// <summary>Custom fields are addressed as <c>custom.&lt;name&gt;</c>.</summary>
    public const string CustomPrefix = "custom.";

    public static IReadOnlyList<string> Known { get; } = [Priority, Type, Group, Assignee, Organization, Channel, Tags];

    public static bool IsKnown(string field) =>
        Known.Contains(field) || (field.StartsWith(CustomPrefix, StringComparison.Ordinal) && field.Length > CustomPrefix.Length);
}
