using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Tests.Records;

/// <summary>
/// The hand-written columns (<see cref="DocumentWriter"/>) are the stored format the serializer defines through the
/// documents: for every kind of value the text is the one <see cref="StorageJson"/> writes for
/// <see cref="EventDocument"/> and <see cref="CheckpointDocument"/>, and it reads back to the same values.
/// </summary>
public class DocumentWriterTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 29, 0, 59, 59) + Duration.FromMilliseconds(250);

    public static TheoryData<string, TicketEvent[]> Timelines => new()
    {
        { "empty", [] },
        { "every kind", Enum.GetValues<TicketEventKind>().Select((k, i) => new TicketEvent { At = T + Duration.FromMinutes(i), Kind = k }).ToArray() },
        {
            "every optional value, unordered field keys",
            [
                TicketEvent.Created(T, StatusCategory.OnHold, new Dictionary<string, string> { ["zeta"] = "1", ["Priority"] = "P1", ["custom.tier"] = "gold", ["alpha"] = "" }, "1.created") with { StatusName = "Waiting on vendor" },
                TicketEvent.FieldChange(T, "group", "2nd line", "2.7"),
                TicketEvent.FieldChange(T, "assignee", null),
                TicketEvent.StatusChange(T, StatusCategory.Closed, null, "3"),
            ]
        },
        {
            "text that needs escaping",
            [
                TicketEvent.FieldChange(T, "subject", "<script>alert('x')</script> & \"quotes\" \\ +1"),
                TicketEvent.FieldChange(T, "custom.naam", "Zoë — 東京 🚀\n\ttab"),
                TicketEvent.Created(T, fields: new Dictionary<string, string> { ["ключ"] = "значение", ["a\"b"] = "<&>" }),
            ]
        },
        {
            "instants: whole seconds, ticks, nanoseconds, far past and future",
            [
                TicketEvent.Reply(Instant.FromUtc(2026, 10, 25, 1, 0)),
                TicketEvent.Reply(Instant.FromUnixTimeTicks(17_000_000_000_000_001)),
                TicketEvent.Reply(Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromNanoseconds(1)),
                TicketEvent.Reply(Instant.FromUtc(1, 1, 1, 0, 0)),
                TicketEvent.Reply(Instant.FromUtc(9999, 12, 31, 23, 59, 59)),
                TicketEvent.Reply(Instant.FromUtc(-100, 1, 1, 0, 0)),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Timelines))]
    public void Timeline_IsWhatTheSerializerWritesForTheDocuments(string what, TicketEvent[] events)
    {
        var expected = StorageJson.Serialize(events.Select(EventDocument.From).ToArray());

        var written = EventDocument.Serialize(events);

        Assert.True(expected == written, $"{what}:\n  serializer {expected}\n  written    {written}");
        Assert.Equal(events, EventDocument.Deserialize(written), new EventComparer());
    }

    public static TheoryData<string, ClockCheckpoint[]> CheckpointLists => new()
    {
        { "none", [] },
        {
            "every anchor, state and role",
            [
                new(new Checkpoint(CheckpointOffset.Share(75), [new RecipientRef(RecipientRole.Assignee)]), T, CheckpointState.Upcoming),
                new(new Checkpoint(CheckpointOffset.Before(Duration.FromMinutes(30), wallClock: true), [new RecipientRef(RecipientRole.Group, "2nd line"), new RecipientRef(RecipientRole.Assignee)], 1), null, CheckpointState.Due),
                .. Enum.GetValues<CheckpointState>().Select(s => new ClockCheckpoint(new Checkpoint(CheckpointOffset.After(Duration.Zero), []), T, s)),
                .. Enum.GetValues<RecipientRole>().Select(r => new ClockCheckpoint(new Checkpoint(CheckpointOffset.Share(50), [new RecipientRef(r, "Zoë <lead>")]), null, CheckpointState.Upcoming)),
            ]
        },
        {
            "offsets and shares that are not round",
            [
                new(new Checkpoint(CheckpointOffset.Share(0.1 + 0.2), []), null, CheckpointState.Upcoming),
                new(new Checkpoint(CheckpointOffset.Share(1e-7), []), null, CheckpointState.Upcoming),
                new(new Checkpoint(CheckpointOffset.After(Duration.FromDays(3) + Duration.FromNanoseconds(1)), [], 2), T, CheckpointState.Due),
                new(new Checkpoint(CheckpointOffset.Before(-Duration.FromHours(25) - Duration.FromMilliseconds(1)), []), T, CheckpointState.Due),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(CheckpointLists))]
    public void Checkpoints_AreWhatTheSerializerWritesForTheDocuments(string what, ClockCheckpoint[] checkpoints)
    {
        var expected = StorageJson.Serialize(checkpoints.Select(CheckpointDocument.From).ToArray());

        var written = CheckpointDocument.Serialize([.. checkpoints]);

        Assert.True(expected == written, $"{what}:\n  serializer {expected}\n  written    {written}");
        var read = CheckpointDocument.Deserialize(written);
        Assert.Equal(checkpoints.Select(c => (c.Definition.Key, c.Definition.Offset, c.Definition.Level, c.At, c.State)), read.Select(c => (c.Definition.Key, c.Definition.Offset, c.Definition.Level, c.At, c.State)));
        Assert.Equal(checkpoints.Select(c => string.Join(";", c.Definition.Recipients)), read.Select(c => string.Join(";", c.Definition.Recipients)));
    }

    [Fact]
    public void Checkpoints_OfADefaultArray_AreAnEmptyList()
    {
        Assert.Equal("[]", CheckpointDocument.Serialize(default));
    }

    [Fact]
    public void Writing_OnManyThreadsAtOnce_GivesEachItsOwnText()
    {
        var timelines = Enumerable.Range(0, 64)
            .Select(i => Enumerable.Range(0, i % 7 + 1).Select(j => TicketEvent.FieldChange(T + Duration.FromSeconds(j), "custom.n", $"{i}-{j}")).ToArray())
            .ToArray();

        var written = timelines.AsParallel().WithDegreeOfParallelism(4).Select(t => (t, Json: EventDocument.Serialize(t))).ToList();

        Assert.All(written, w => Assert.Equal(StorageJson.Serialize(w.t.Select(EventDocument.From).ToArray()), w.Json));
    }

    [Fact]
    public void Writing_AHugeTimelineThenASmallOne_GivesBothWhole()
    {
        var huge = Enumerable.Range(0, 6_000).Select(i => TicketEvent.FieldChange(T + Duration.FromSeconds(i), "custom.note", new string('x', 200) + i)).ToArray();
        TicketEvent[] small = [TicketEvent.Reply(T, "1.2")];

        var hugeJson = EventDocument.Serialize(huge);
        var smallJson = EventDocument.Serialize(small);

        Assert.True(hugeJson.Length > 1024 * 1024);
        Assert.Equal(StorageJson.Serialize(huge.Select(EventDocument.From).ToArray()), hugeJson);
        Assert.Equal(StorageJson.Serialize(small.Select(EventDocument.From).ToArray()), smallJson);
    }

    /// <summary>Events compare by value, their fields as sets of pairs.</summary>
    private sealed class EventComparer : IEqualityComparer<TicketEvent>
    {
        public bool Equals(TicketEvent? x, TicketEvent? y) =>
            x is not null && y is not null
            && x with { Fields = null } == y with { Fields = null }
            && (x.Fields ?? ImmutableDictionary<string, string>.Empty).OrderBy(p => p.Key, StringComparer.Ordinal)
                .SequenceEqual((y.Fields ?? ImmutableDictionary<string, string>.Empty).OrderBy(p => p.Key, StringComparer.Ordinal));

        public int GetHashCode(TicketEvent obj) => obj.At.GetHashCode();
    }
}
