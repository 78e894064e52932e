using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Tests.Agreements;

/// <summary>Policies and their <c>when</c>: fields, lists, in / notIn, tags, unique ids, order.</summary>
public class PolicyTests
{
    private const string File = AgreementJson.File;

    private static ConfigLoadResult Load(string json)
    {
        using var folder = new TempConfigFolder().Agreement(AgreementJson.FileName, json);
        return folder.Load();
    }

    private static ConfigLoadResult LoadWhen(string when) =>
        Load(AgreementJson.Make(policies: $"[{AgreementJson.Policy(when: when)}]"));

    private static Policy LoadPolicy(string when) => Assert.Single(Assert.Single(LoadWhen(when).GetOrThrow().Agreements).Policies);

    [Fact]
    public void Empty_when_matches_every_ticket()
    {
        Assert.Empty(LoadPolicy("{}").Conditions);
    }

    [Fact]
    public void Value_list_in_and_notIn_become_field_conditions()
    {
        var policy = LoadPolicy("""
            { "type": "incident", "channel": ["email", "web"], "organization": { "in": ["Gemeente"] },
              "group": { "notIn": ["Second line"] }, "custom.contract": "gold" }
            """);

        Assert.Equal<Condition>(
            [
                new FieldCondition("type", ["incident"]),
                new FieldCondition("channel", ["email", "web"]),
                new FieldCondition("organization", ["Gemeente"]),
                new FieldCondition("group", ["Second line"], Negated: true),
                new FieldCondition("custom.contract", ["gold"]),
            ],
            policy.Conditions,
            ConditionComparer.Instance);
    }

    [Fact]
    public void Tags_any_all_and_none_become_one_tag_condition_each()
    {
        var policy = LoadPolicy("""{ "tags": { "any": ["vip", "major-incident"], "all": ["prod"], "none": ["test"] } }""");

        Assert.Equal<Condition>(
            [
                new TagCondition(TagMatch.Any, ["vip", "major-incident"]),
                new TagCondition(TagMatch.All, ["prod"]),
                new TagCondition(TagMatch.None, ["test"]),
            ],
            policy.Conditions,
            ConditionComparer.Instance);
    }

    [Theory]
    [InlineData("prio", "did you mean 'priority'?")]
    [InlineData("Priority", "did you mean 'priority'?")]
    [InlineData("organisation", "did you mean 'organization'?")]
    [InlineData("custom.", "")]
    [InlineData("status", "")]
    public void Condition_on_an_unknown_field_lists_the_valid_fields(string field, string hint)
    {
        var result = LoadWhen($$"""{ "{{field}}": "x" }""");

        var path = field.Contains('.', StringComparison.Ordinal) ? $"$.policies[0].when['{field}']" : $"$.policies[0].when.{field}";
        ProblemAssert.Single(result, File, path, $"unknown ticket field '{field}'", hint,
            "expected one of priority, type, group, assignee, organization, channel, tags, or custom.<name> for a custom field");
    }

    [Fact]
    public void Priority_in_a_condition_must_be_one_of_the_agreements_priorities()
    {
        var result = LoadWhen("""{ "priority": ["P1", "P5"] }""");

        ProblemAssert.Single(result, File, "$.policies[0].when.priority[1]", "unknown priority 'P5'", "the agreement's priorities P1, P2");
    }

    [Fact]
    public void Priority_condition_that_excludes_every_priority_can_never_match()
    {
        var result = LoadWhen("""{ "priority": { "notIn": ["P1", "P2"] } }""");

        ProblemAssert.Single(result, File, "$.policies[0].when.priority", "the policy can never match", "(P1, P2)");
    }

    [Theory]
    [InlineData("""{ "type": [] }""", "$.policies[0].when.type", "the list is empty, so the condition matches no ticket")]
    [InlineData("""{ "type": { "notIn": [] } }""", "$.policies[0].when.type", "the list is empty, so the condition excludes nothing")]
    [InlineData("""{ "type": "" }""", "$.policies[0].when.type", "the value is empty")]
    [InlineData("""{ "type": { "in": ["a"], "notIn": ["b"] } }""", "$.policies[0].when.type", "has both 'in' and 'notIn'")]
    [InlineData("""{ "type": { "within": ["a"] } }""", "$.policies[0].when.type.within", "unknown operator 'within'")]
    [InlineData("""{ "type": 3 }""", "$.policies[0].when.type", "found the number 3")]
    [InlineData("""{ "tags": ["vip"] }""", "$.policies[0].when.tags", "expected tag conditions like { \"any\"")]
    [InlineData("""{ "tags": {} }""", "$.policies[0].when.tags", "the tag condition is empty")]
    [InlineData("""{ "tags": { "some": ["vip"] } }""", "$.policies[0].when.tags.some", "unknown tag match 'some'")]
    [InlineData("""{ "tags": { "any": [] } }""", "$.policies[0].when.tags.any", "the list is empty: give at least one tag")]
    public void Malformed_condition_says_what_is_wrong(string when, string path, string message)
    {
        ProblemAssert.Single(LoadWhen(when), File, path, message);
    }

    [Fact]
    public void Missing_when_is_refused_so_matching_everything_is_a_choice()
    {
        var result = Load(AgreementJson.Make(policies: """[{ "id": "p", "targets": { "resolution": { "calendar": "24x7", "budget": { "default": "4h" } } } }]"""));

        ProblemAssert.Single(result, File, "$.policies[0].when", "'when' is missing", "or {} to match every ticket");
    }

    [Fact]
    public void Duplicate_policy_ids_in_one_agreement_are_refused()
    {
        var result = Load(AgreementJson.Make(policies: $"[{AgreementJson.Policy(id: "vip", when: """{ "tags": { "any": ["vip"] } }""")}, {AgreementJson.Policy(id: "VIP")}]"));

        ProblemAssert.Single(result, File, "$.policies[1].id", "the policy id 'VIP' is already used at $.policies[0].id", "its own id");
    }

    [Fact]
    public void Policy_after_a_catch_all_policy_can_never_match()
    {
        var result = Load(AgreementJson.Make(policies: $"[{AgreementJson.Policy(id: "standard")}, {AgreementJson.Policy(id: "vip", when: """{ "tags": { "any": ["vip"] } }""")}]"));

        ProblemAssert.Single(result, File, "$.policies[1]", "the policy 'vip' can never match", "'standard' at $.policies[0]", "move this one above it");
    }

    [Fact]
    public void Policies_keep_their_order_because_the_first_match_wins()
    {
        var agreement = Assert.Single(Load(AgreementJson.Make(policies:
            $"[{AgreementJson.Policy(id: "vip", when: """{ "tags": { "any": ["vip"] } }""")}, {AgreementJson.Policy(id: "standard")}]")).GetOrThrow().Agreements);

        Assert.Equal(["vip", "standard"], agreement.Policies.Select(p => p.Id));
    }

    [Fact]
    public void Agreement_without_policies_is_refused()
    {
        ProblemAssert.Single(Load(AgreementJson.Make(policies: "[]")), File, "$.policies", "the agreement has no policies");
    }

    [Fact]
    public void Policy_without_targets_is_refused()
    {
        var result = Load(AgreementJson.WithTargets("{}"));

        ProblemAssert.Single(result, File, "$.policies[0].targets", "the policy has no targets", "firstResponse, nextResponse, periodicUpdate, resolution");
    }

    [Fact]
    public void Unknown_metric_suggests_the_right_one()
    {
        var result = Load(AgreementJson.WithTargets($$"""{ "firstRespons": {{AgreementJson.Target()}} }"""));

        ProblemAssert.Single(result, File, "$.policies[0].targets.firstRespons", "unknown metric 'firstRespons' (did you mean 'firstResponse'?)");
    }

    /// <summary>Conditions hold immutable arrays, which records compare by reference; compare what they describe.</summary>
    private sealed class ConditionComparer : IEqualityComparer<Condition>
    {
        public static ConditionComparer Instance { get; } = new();

        public bool Equals(Condition? x, Condition? y) => x?.GetType() == y?.GetType() && x?.Describe() == y?.Describe();

        public int GetHashCode(Condition obj) => obj.Describe().GetHashCode(StringComparison.Ordinal);
    }
}
