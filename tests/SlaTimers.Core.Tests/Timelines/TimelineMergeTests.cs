using System.Collections.Immutable;
using CsCheck;
using NodaTime;
using SlaTimers.Core.Tests.Clocks;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Tests.Timelines;

public class TimelineMergeTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static readonly Dictionary<string, string> Normal = new() { ["priority"] = "normal" };
    private static readonly Dictionary<string, string> Urgent = new() { ["priority"] = "urgent" };

    [Fact]
    public void Union_OfAPageReadTwice_AddsNothing()
    {
        var page = new[] { TicketEvent.Created(T, id: "a"), TicketEvent.Reply(T + Duration.FromMinutes(5), id: "b"), TicketEvent.StatusChange(T + Duration.FromMinutes(6), StatusCategory.Pending) };

        var once = TimelineMerge.Union([], page);
        var twice = TimelineMerge.Union(once, page);

        Assert.Equal(3, once.Length);
        Assert.Equal(once.ToArray(), twice.ToArray());
    }

    [Fact]
    public void Union_EventsWithIds_AreMatchedByIdAndTheStoredCopyWins()
    {
        var stored = TicketEvent.FieldChange(T, "priority", "high", id: "audit-7");
        var incoming = TicketEvent.FieldChange(T, "priority", "urgent", id: "audit-7");

        var merged = TimelineMerge.Union([stored], [incoming]);

        Assert.Same(stored, Assert.Single(merged));
    }

    [Fact]
    public void Union_EventsWithIds_AreNeverMatchedByValue()
    {
        var stored = TicketEvent.Reply(T, id: "r1");
        var sameValueOtherId = TicketEvent.Reply(T, id: "r2");

        Assert.Equal([stored, sameValueOtherId], TimelineMerge.Union([stored], [sameValueOtherId]).ToArray());
    }

    [Fact]
    public void Union_EventsWithoutIds_AreMatchedByValue()
    {
        var stored = TicketEvent.StatusChange(T, StatusCategory.Pending, "Waiting");
        var same = TicketEvent.StatusChange(T, StatusCategory.Pending, "Waiting");
        var otherName = TicketEvent.StatusChange(T, StatusCategory.Pending, "On hold");
        var otherInstant = TicketEvent.StatusChange(T + Duration.FromSeconds(1), StatusCategory.Pending, "Waiting");

        var merged = TimelineMerge.Union([stored], [same, otherName, otherInstant]);

        Assert.Equal([stored, otherName, otherInstant], merged.ToArray());
    }

    /// <summary>Every part of an id-less event's value, changed on its own, makes it another event.</summary>
    [Fact]
    public void Union_EventsWithoutIds_DifferingInAnyPartOfTheValue_AreAllKept()
    {
        var original = TicketEvent.FieldChange(T, "priority", "high") with { Status = StatusCategory.Open, StatusName = "Open" };
        TicketEvent[] others =
        [
            original with { At = T + Duration.FromSeconds(1) },
            original with { Kind = TicketEventKind.StatusChanged },
            original with { Field = "group" },
            original with { Value = "low" },
            original with { Value = null },
            original with { Status = StatusCategory.Pending },
            original with { Status = null },
            original with { StatusName = "Reopened" },
            original with { StatusName = null },
        ];

        var merged = TimelineMerge.Union([original], others);

        Assert.Equal([original, .. others], merged.ToArray());
    }

    /// <summary>
    /// The Created event's initial fields are not part of its value: a timeline keeps one Created event, the first
    /// of the earliest (<see cref="TimelineReplay.Normalize"/>), so a second one at that instant is dropped whatever
    /// it says, and the stored one wins.
    /// </summary>
    [Fact]
    public void Union_IdLessCreatedEvents_DifferingOnlyInTheirFields_AreOneEvent_AndTheStoredOneWins()
    {
        var stored = TicketEvent.Created(T, StatusCategory.New, Normal) with { StatusName = "New" };
        var reread = TicketEvent.Created(T, StatusCategory.New, Urgent) with { StatusName = "New" };
        var noFields = TicketEvent.Created(T, StatusCategory.New) with { StatusName = "New" };

        var merged = TimelineMerge.Union([stored], [reread, noFields]);

        Assert.Same(stored, Assert.Single(merged));
    }

    [Fact]
    public void Union_IdLessCreatedEvents_WithTheSameFields_AreOneEvent()
    {
        var stored = TicketEvent.Created(T, StatusCategory.New, Normal);
        var reread = TicketEvent.Created(T, StatusCategory.New, new Dictionary<string, string>(Normal));

        Assert.Same(stored, Assert.Single(TimelineMerge.Union([stored], [reread])));
    }

    [Fact]
    public void Union_IdLessCreatedEvents_DifferingInStatusName_AreBothKept_AndNormalizeKeepsTheFirst()
    {
        var stored = TicketEvent.Created(T, StatusCategory.New, Normal) with { StatusName = "New" };
        var renamed = TicketEvent.Created(T, StatusCategory.New, Normal) with { StatusName = "Nieuw" };

        var merged = TimelineMerge.Union([stored], [renamed]);

        Assert.Equal([stored, renamed], merged.ToArray());
        Assert.Same(stored, Assert.Single(TimelineReplay.Normalize(TestTicket.Ticket(T, merged)), e => e.Kind == TicketEventKind.Created));
    }

    [Fact]
    public void Union_KeepsStoredOrderAndAppendsNewEventsInPageOrder()
    {
        var stored = new[] { TicketEvent.Created(T, id: "1"), TicketEvent.Reply(T + Duration.FromMinutes(9), id: "3") };
        var incoming = new[] { TicketEvent.Reply(T + Duration.FromMinutes(9), id: "3"), TicketEvent.CustomerWrote(T + Duration.FromMinutes(20), id: "4"), TicketEvent.CustomerWrote(T + Duration.FromMinutes(2), id: "2") };

        var merged = TimelineMerge.Union(stored, incoming);

        Assert.Equal(["1", "3", "4", "2"], merged.Select(e => e.Id));
    }

    [Fact]
    public void Union_IdLessDuplicatesWithinOnePage_KeepTheFirstInPageOrder()
    {
        var first = TicketEvent.CustomerWrote(T + Duration.FromMinutes(3));
        var between = TicketEvent.Reply(T + Duration.FromMinutes(1));
        var again = TicketEvent.CustomerWrote(T + Duration.FromMinutes(3));

        Assert.Equal([first, between], TimelineMerge.Union([], [first, between, again]).ToArray());
    }

    [Fact]
    public void Union_AnIdLessEventAndAnEventWithAnId_AreNeverTheSame()
    {
        var withId = TicketEvent.Reply(T, id: "r1");
        var withoutId = TicketEvent.Reply(T);

        Assert.Equal(2, TimelineMerge.Union([withId], [withoutId]).Length);
        Assert.Equal(2, TimelineMerge.Union([withoutId], [withId]).Length);
    }

    /// <summary>
    /// The merge de-duplicates as the replay does: merging and then normalizing gives exactly (event for event)
    /// the timeline that normalizing the stored and the page's events one after the other gives, whatever the
    /// mix of ids, duplicates, Created events, fields and status names.
    /// </summary>
    [Fact]
    public void Union_ThenNormalize_IsNormalizeOfBothTimelines()
    {
        // A page event is new, or (copy >= 0) a copy of a stored one: the same page read again, not the same instance.
        var page = Gen.Select(EventGen, Gen.Int[-2, 13]).Array[0, 14];
        Gen.Select(EventGen.Array[0, 14], page).Sample((storedEvents, pageEvents) =>
        {
            var incoming = pageEvents.Select(p => p.Item2 >= 0 && storedEvents.Length > 0 ? storedEvents[p.Item2 % storedEvents.Length] with { } : p.Item1).ToArray();

            var viaMerge = TimelineReplay.Normalize(TestTicket.Ticket(T, TimelineMerge.Union(storedEvents, incoming)));
            var direct = TimelineReplay.Normalize(TestTicket.Ticket(T, [.. storedEvents, .. incoming]));

            Assert.Equal(direct.Length, viaMerge.Length);
            for (var i = 0; i < direct.Length; i++)
            {
                // Normalize makes a Created event when there is none, and moves events before it to its instant:
                // such events are equal, not the same instance. Every other one is the very event kept.
                if (!storedEvents.Concat(incoming).Contains(direct[i], ReferenceEqualityComparer.Instance)) Assert.Equal(direct[i], viaMerge[i]);
                else Assert.Same(direct[i], viaMerge[i]);
            }
        });
    }

    private static readonly string?[] Names = [null, "New", "Open"];

    /// <summary>Events from a small pool, so that duplicates by id and by value are common.</summary>
    private static readonly Gen<TicketEvent> EventGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 6], Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[0, 2])
            .Select((minute, kind, id, name, fields) =>
            {
                var at = T + Duration.FromMinutes(minute);
                var e = kind switch
                {
                    0 => TicketEvent.Created(at, StatusCategory.New, fields switch { 0 => null, 1 => Normal, _ => Urgent }),
                    1 => TicketEvent.FieldChange(at, "priority", fields == 0 ? "normal" : "urgent"),
                    2 => TicketEvent.StatusChange(at, fields == 0 ? StatusCategory.Open : StatusCategory.Pending),
                    3 => TicketEvent.Reply(at),
                    4 => TicketEvent.CustomerWrote(at),
                    5 => TicketEvent.Merge(at),
                    _ => TicketEvent.Delete(at),
                };
                return e with { Id = id < 2 ? null : $"audit-{id}", StatusName = kind is 0 or 2 ? Names[name] : null };
            });
}
