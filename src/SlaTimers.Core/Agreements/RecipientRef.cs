namespace SlaTimers.Core.Agreements;

/// <summary>Who a checkpoint notifies, resolved against the ticket and the recipients file when it fires.</summary>
public enum RecipientRole
{
    /// <summary>The ticket's assignee.</summary>
    Assignee,

    /// <summary>The members of the ticket's group.</summary>
    Group,

    /// <summary>The lead of the ticket's group.</summary>
    GroupLead,

    /// <summary>The manager of the ticket's group.</summary>
    Manager,

    /// <summary>A named person, address or channel from the recipients file.</summary>
    Named,
}

/// <summary>A role (<c>assignee</c>, <c>group</c>, <c>group-lead</c>, <c>manager</c>) or a named recipient.</summary>
public readonly record struct RecipientRef(RecipientRole Role, string? Name = null)
{
    public static IReadOnlyDictionary<string, RecipientRole> Roles { get; } = new Dictionary<string, RecipientRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["assignee"] = RecipientRole.Assignee,
        ["group"] = RecipientRole.Group,
        ["group-lead"] = RecipientRole.GroupLead,
        ["manager"] = RecipientRole.Manager,
    };

    public override string ToString() => Role switch
    {
        RecipientRole.Named => Name ?? "?",
        RecipientRole.GroupLead => "group-lead",
        _ => Role.ToString().ToLowerInvariant(),
    };
}
