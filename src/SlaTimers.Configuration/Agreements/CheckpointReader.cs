using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Configuration.Recipients;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads a target's <c>checkpoints</c>: <c>[{ "at": "75%", "notify": ["assignee"] }, { "at": "+0", "notify": ["group-lead"] },
/// { "at": "+1h wall", "notify": ["manager"], "level": 2 }]</c>. An escalation's level defaults to its place among the
/// escalations (the first <c>+</c> checkpoint is level 1).
/// </summary>
internal static class CheckpointReader
{
    private static readonly string[] PropertyNames = ["at", "notify", "level"];

    private const string ExpectedEntry = "a checkpoint like { \"at\": \"75%\", \"notify\": [\"assignee\"] }";

    public static ImmutableArray<Checkpoint>? Read(JsonCursor checkpoints, RecipientReferences recipients)
    {
        var entries = checkpoints.ReadArray($"a list of checkpoints like [{ExpectedEntry}]");
        if (entries is null) return null;

        var problemsBefore = checkpoints.File.ProblemCount;
        var result = ImmutableArray.CreateBuilder<Checkpoint>();
        // Keys name notifications in the ledger: two checkpoints with one key would send only once.
        var pathByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var escalations = 0;
        foreach (var entry in entries)
        {
            var fields = entry.ReadObject(ExpectedEntry, PropertyNames);
            if (fields is null) continue;
            var at = fields.Required("at", $"where the checkpoint sits: {CheckpointText.Expected}");
            var offset = at is { } a ? ReadOffset(a) : null;
            if (offset is { IsEscalation: true }) escalations++;
            var notify = fields.Required("notify", NotifyReader.Expected) is { } n ? NotifyReader.Read(n, recipients) : null;
            var level = ReadLevel(fields.Optional("level"), offset, escalations);
            if (offset is null || notify is null || level is null) continue;

            var checkpoint = new Checkpoint(offset.Value, notify.Value, level.Value);
            var keyPath = fields.Has("level") && offset.Value.IsEscalation ? fields.Optional("level")!.Value.Path : at!.Value.Path;
            if (!pathByKey.TryAdd(checkpoint.Key, keyPath))
            {
                entry.File.Report(keyPath, checkpoint.IsEscalation
                    ? $"escalation level {checkpoint.Level} is already used at {pathByKey[checkpoint.Key]}: give each escalation its own level"
                    : $"the checkpoint '{offset}' is already at {pathByKey[checkpoint.Key]}: merge the two into one with both 'notify' lists");
                continue;
            }
            result.Add(checkpoint);
        }
        return checkpoints.File.ProblemCount > problemsBefore ? null : result.ToImmutable();
    }

    private static CheckpointOffset? ReadOffset(JsonCursor at)
    {
        var text = at.ReadString($"where the checkpoint sits: {CheckpointText.Expected}");
        if (text is null) return null;
        if (CheckpointText.TryParse(text, out var offset, out var error)) return offset;
        at.Report(error);
        return null;
    }

    /// <param name="escalations">How many escalations came so far, this one included: the default level.</param>
    private static int? ReadLevel(JsonCursor? cursor, CheckpointOffset? offset, int escalations)
    {
        if (cursor is not { } level) return offset is { IsEscalation: true } ? escalations : 0;
        var value = level.ReadInt("an escalation level like 1 or 2");
        if (value is null || offset is null) return null;
        if (!offset.Value.IsEscalation)
        {
            level.Report($"'level' is only for escalations (\"+0\", \"+1h\"); '{offset}' is a warning before the deadline: remove 'level'");
            return null;
        }
        if (value < 1)
        {
            level.Report($"{value} is not an escalation level: expected 1 or more (the first escalation is level 1)");
            return null;
        }
        return value;
    }
}
