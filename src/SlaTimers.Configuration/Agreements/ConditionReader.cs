using System.Collections.Immutable;
using System.Text.Json;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Configuration.Agreements;

/// <summary>What a policy's <c>when</c> gave: its conditions, and the priorities it can match (null when unknown).</summary>
internal sealed record PolicyConditions(ImmutableArray<Condition> Conditions, ImmutableArray<string>? MatchablePriorities)
{
    /// <summary><c>"when": {}</c>: every ticket, so policies after it can never match.</summary>
    public bool MatchesEverything => Conditions.IsEmpty;
}

/// <summary>
/// Reads <c>when</c>: ticket fields with a value (<c>"type": "incident"</c>), a list (<c>"priority": ["P1", "P2"]</c>),
/// or <c>{ "in": [...] }</c> / <c>{ "notIn": [...] }</c>; and <c>"tags": { "any": [...], "all": [...], "none": [...] }</c>.
/// All conditions must hold; <c>{}</c> matches every ticket.
/// </summary>
internal static class ConditionReader
{
    private const string In = "in", NotIn = "notIn";
    private static readonly string[] ListNames = [In, NotIn];
    private static readonly (string Name, TagMatch Match)[] TagMatches = [("any", TagMatch.Any), ("all", TagMatch.All), ("none", TagMatch.None)];

    public const string Expected =
        "conditions like { \"priority\": [\"P1\"], \"tags\": { \"any\": [\"major-incident\"] } }, or {} to match every ticket";

    private static readonly string FieldList =
        string.Join(", ", TicketFieldNames.Known) + $", or {TicketFieldNames.CustomPrefix}<name> for a custom field";

    public static PolicyConditions Read(JsonCursor when, AgreementPriorities priorities)
    {
        var conditions = ImmutableArray.CreateBuilder<Condition>();
        var matchable = priorities.Names;
        var fields = when.ReadEntries(Expected, "field");
        foreach (var (field, value) in fields ?? [])
        {
            if (field == TicketFieldNames.Tags)
            {
                conditions.AddRange(ReadTags(value));
                continue;
            }
            if (!TicketFieldNames.IsKnown(field))
            {
                value.Report($"unknown ticket field '{field}'{NameSuggestions.DidYouMean(field, TicketFieldNames.Known)}: expected one of {FieldList}");
                continue;
            }
            if (ReadField(field, value, priorities) is not { } condition) continue;
            conditions.Add(condition);
            if (field == TicketFieldNames.Priority && priorities.Names is { } all)
            {
                matchable = MatchablePriorities(condition, all);
                if (matchable.Value.IsEmpty)
                {
                    value.Report($"the policy can never match: this condition leaves none of the agreement's priorities ({priorities.Describe()})");
                }
            }
        }
        return new PolicyConditions(conditions.ToImmutable(), matchable);
    }

    private static FieldCondition? ReadField(string field, JsonCursor value, AgreementPriorities priorities)
    {
        var expected = $"a value like \"incident\", a list like [\"incident\", \"problem\"], or {{ \"in\": [...] }} / {{ \"notIn\": [...] }}";
        IReadOnlyList<(string Text, JsonCursor Cursor)>? values;
        var negated = false;
        var problemsBefore = value.File.ProblemCount;
        switch (value.Kind)
        {
            case JsonValueKind.String:
                var text = value.Element.GetString()!.Trim();
                if (text.Length == 0)
                {
                    value.Report($"the value is empty: expected {expected}");
                    return null;
                }
                values = [(text, value)];
                break;
            case JsonValueKind.Array:
                values = value.ReadStrings(expected, $"a value of {field}");
                break;
            case JsonValueKind.Object:
                (values, negated) = ReadInOrNotIn(field, value);
                break;
            default:
                value.ReadString(expected);
                return null;
        }
        if (values is null || value.File.ProblemCount > problemsBefore) return null;
        if (values.Count == 0)
        {
            value.Report($"the list is empty, so the condition {(negated ? "excludes nothing" : "matches no ticket")}: " +
                         $"list at least one value of {field}, or remove the condition");
            return null;
        }

        if (field == TicketFieldNames.Priority)
        {
            var resolved = values.Select(v => priorities.Check(v.Cursor, v.Text)).ToList();
            if (resolved.Any(r => r is null)) return null;
            return new FieldCondition(field, [.. resolved!], negated);
        }
        return new FieldCondition(field, [.. values.Select(v => v.Text)], negated);
    }

    private static (IReadOnlyList<(string Text, JsonCursor Cursor)>? Values, bool Negated) ReadInOrNotIn(string field, JsonCursor value)
    {
        var list = value.ReadObject("{ \"in\": [...] } or { \"notIn\": [...] }", ListNames, "operator");
        if (list is null) return (null, false);
        var present = ListNames.Where(list.Has).ToList();
        // Only unknown operators: reported already, with a suggestion.
        if (present.Count == 0 && value.Element.EnumerateObject().Any()) return (null, false);
        if (present.Count != 1)
        {
            value.Report(present.Count == 0
                ? $"the condition on {field} has neither 'in' nor 'notIn': expected {{ \"in\": [...] }} or {{ \"notIn\": [...] }}"
                : $"the condition on {field} has both 'in' and 'notIn': give one; a value cannot be listed and excluded at once");
            return (null, false);
        }
        var negated = present[0] == NotIn;
        var values = list.Optional(present[0])!.Value.ReadStrings($"a list of values of {field} like [\"incident\"]", $"a value of {field}");
        return (values, negated);
    }

    private static ImmutableArray<string> MatchablePriorities(FieldCondition condition, ImmutableArray<string> all) =>
        [.. all.Where(p => condition.Values.Contains(p, StringComparer.OrdinalIgnoreCase) != condition.Negated)];

    private static IEnumerable<TagCondition> ReadTags(JsonCursor value)
    {
        var tags = value.ReadObject("tag conditions like { \"any\": [\"major-incident\"], \"none\": [\"test\"] }", [.. TagMatches.Select(t => t.Name)], "tag match");
        if (tags is null) return [];
        if (!value.Element.EnumerateObject().Any())
        {
            value.Report("the tag condition is empty: give 'any', 'all' or 'none' with a list of tags, or remove 'tags'");
            return [];
        }
        var conditions = new List<TagCondition>();
        foreach (var (name, list) in tags.Properties)
        {
            var match = TagMatches.Single(t => t.Name == name).Match;
            var problemsBefore = list.File.ProblemCount;
            var items = list.ReadStrings("a list of tags like [\"major-incident\"]", "a tag like \"major-incident\"");
            if (items is null || list.File.ProblemCount > problemsBefore) continue;
            if (items.Count == 0)
            {
                list.Report($"the list is empty: give at least one tag, or remove '{name}'");
                continue;
            }
            conditions.Add(new TagCondition(match, [.. items.Select(i => i.Text)]));
        }
        return conditions;
    }
}
