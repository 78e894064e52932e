using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads <c>policies</c>: an ordered, non-empty list in which the first policy whose <c>when</c> holds applies.
/// Policy ids are unique within the agreement (reports and notification keys use them).
/// </summary>
internal static class PolicyReader
{
    private static readonly string[] PropertyNames = ["id", "name", "when", "targets"];

    public const string ExpectedList =
        "a list of policies like [{ \"id\": \"standard\", \"name\": \"Standard\", \"when\": {}, \"targets\": { … } }]";

    private const string ExpectedPolicy =
        "a policy like { \"id\": \"standard\", \"name\": \"Standard\", \"when\": {}, \"targets\": { \"firstResponse\": { … } } }";

    public static ImmutableArray<Policy>? Read(JsonCursor policies, AgreementPriorities priorities, AgreementReferences references)
    {
        var entries = policies.ReadArray(ExpectedList);
        if (entries is null) return null;
        if (entries.Count == 0)
        {
            policies.Report($"the agreement has no policies: give at least one, e.g. {ExpectedList}");
            return null;
        }

        var problemsBefore = policies.File.ProblemCount;
        var result = ImmutableArray.CreateBuilder<Policy>();
        var pathById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        (string Id, string Path)? catchAll = null;
        foreach (var entry in entries)
        {
            var fields = entry.ReadObject(ExpectedPolicy, PropertyNames);
            if (fields is null) continue;

            var id = ReadId(fields, pathById);
            var name = fields.OptionalString("name", "a display name like \"Standard incidents\"");
            var conditions = fields.Required("when", ConditionReader.Expected) is { } when ? ConditionReader.Read(when, priorities) : null;
            if (catchAll is { } earlier)
            {
                entry.Report($"the policy {(id is null ? "" : $"'{id}' ")}can never match: '{earlier.Id}' at {earlier.Path} comes first and matches every ticket " +
                             "(\"when\": {}); the first matching policy wins, so move this one above it");
            }
            else if (conditions is { MatchesEverything: true })
            {
                catchAll = (id ?? "?", entry.Path);
            }
            var targets = fields.Required("targets", TargetReader.Expected) is { } t ? TargetReader.Read(t, priorities, conditions, references) : null;

            if (id is null || conditions is null || targets is null) continue;
            result.Add(new Policy(id, string.IsNullOrWhiteSpace(name) ? id : name.Trim(), conditions.Conditions, targets.Value));
        }
        return policies.File.ProblemCount > problemsBefore ? null : result.ToImmutable();
    }

    private static string? ReadId(JsonObjectCursor policy, Dictionary<string, string> pathById)
    {
        var cursor = policy.Required("id", "a policy id like \"standard\" (reports and notifications name the policy by it)");
        var text = cursor?.ReadString("a policy id like \"standard\"");
        if (text is null) return null;
        var id = ConfigIds.Check(cursor!.Value, text, "policy id", "major-incident");
        if (id is null) return null;
        if (pathById.TryAdd(id, cursor.Value.Path)) return id;
        cursor.Value.Report($"the policy id '{id}' is already used at {pathById[id]}: every policy of an agreement needs its own id");
        return null;
    }
}
