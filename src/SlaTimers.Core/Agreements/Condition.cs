using System.Collections.Immutable;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Agreements;

/// <summary>One condition of a policy; all conditions of a policy must hold for it to match.</summary>
public abstract record Condition
{
    public abstract bool Matches(TicketFields fields);

    /// <summary>For explanations: <c>priority in (urgent, high)</c>.</summary>
    public abstract string Describe();
}

/// <summary>A field's value is (or is not) one of the listed values, compared case-insensitively.</summary>
public sealed record FieldCondition(string Field, ImmutableArray<string> Values, bool Negated = false) : Condition
{
    public override bool Matches(TicketFields fields)
    {
        var value = fields.Get(Field);
        var listed = value is not null && Values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
        return listed != Negated;
    }

    public override string Describe() => $"{Field} {(Negated ? "not in" : "in")} ({string.Join(", ", Values)})";
}

/// <summary>How a tag condition combines its tags.</summary>
public enum TagMatch
{
    Any,
    All,
    None,
}

/// <summary>The ticket has any / all / none of the listed tags.</summary>
public sealed record TagCondition(TagMatch Match, ImmutableArray<string> Tags) : Condition
{
    public override bool Matches(TicketFields fields) => Match switch
    {
        TagMatch.Any => Tags.Any(fields.Tags.Contains),
        TagMatch.All => Tags.All(fields.Tags.Contains),
        _ => !Tags.Any(fields.Tags.Contains),
    };

    public override string Describe() => $"tags {Match.ToString().ToLowerInvariant()} of ({string.Join(", ", Tags)})";
}
