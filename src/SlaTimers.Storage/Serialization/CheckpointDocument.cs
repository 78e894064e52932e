using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Storage.Serialization;

/// <summary>One element of a clock's <c>checkpoints</c> column: the definition, where it lies and its state.</summary>
internal sealed record CheckpointDocument(
    CheckpointAnchor Anchor,
    Duration Offset,
    double Percent,
    bool WallClock,
    int Level,
    RecipientDocument[] Recipients,
    Instant? At,
    CheckpointState State)
{
    /// <summary>The document of a checkpoint: the stored form's definition, which <see cref="DocumentWriter"/> is tested against.</summary>
    public static CheckpointDocument From(ClockCheckpoint checkpoint)
    {
        var (definition, offset) = (checkpoint.Definition, checkpoint.Definition.Offset);
        return new(
            offset.Anchor,
            offset.Offset,
            offset.Percent,
            offset.WallClock,
            definition.Level,
            [.. definition.Recipients.Select(r => new RecipientDocument(r.Role, r.Name))],
            checkpoint.At,
            checkpoint.State);
    }

    public ClockCheckpoint ToCheckpoint() => new(
        new Checkpoint(new CheckpointOffset(Anchor, Offset, Percent, WallClock), [.. Recipients.Select(r => new RecipientRef(r.Role, r.Name))], Level),
        At,
        State);

    /// <summary>The column's text, written by hand (<see cref="DocumentWriter"/>): what the serializer writes for these documents.</summary>
    public static string Serialize(ImmutableArray<ClockCheckpoint> checkpoints) => DocumentWriter.Checkpoints(checkpoints);

    public static ImmutableArray<ClockCheckpoint> Deserialize(string json) =>
        [.. StorageJson.Deserialize<CheckpointDocument[]>(json, "checkpoints").Select(d => d.ToCheckpoint())];
}

internal sealed record RecipientDocument(RecipientRole Role, string? Name);
