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
        var listed = false;
        if (value is not null)
        {
            foreach (var candidate in Values)
            {
                if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                {
                    listed = true;
                    break;
                }
            }
        }
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
    public override bool Matches(TicketFields fields)
    {
        var present = 0;
        foreach (var tag in Tags)
        {
            if (fields.Tags.Contains(tag)) present++;
        }
        return Match switch
        {
            TagMatch.Any => present > 0,
            TagMatch.All => present == Tags.Length,
            _ => present == 0,
        };
    }

    public override string Describe() => $"tags {Match.ToString().ToLowerInvariant()} of ({string.Join(", ", Tags)})";
}
