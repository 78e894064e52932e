using NodaTime;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Sync;

namespace SlaTimers.Worker.Tests.Sync;

public class TimelineMergeTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 2, 9, 0);

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
    public void Union_EventsWithoutIds_AreMatchedByValue()
    {
        var stored = TicketEvent.StatusChange(T, StatusCategory.Pending, "Waiting");
        var same = TicketEvent.StatusChange(T, StatusCategory.Pending, "Waiting");
        var otherName = TicketEvent.StatusChange(T, StatusCategory.Pending, "On hold");
        var otherInstant = TicketEvent.StatusChange(T + Duration.FromSeconds(1), StatusCategory.Pending, "Waiting");

        var merged = TimelineMerge.Union([stored], [same, otherName, otherInstant]);

        Assert.Equal([stored, otherName, otherInstant], merged.ToArray());
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
    public void Union_AnIdLessEventAndAnEventWithAnId_AreNeverTheSame()
    {
        var withId = TicketEvent.Reply(T, id: "r1");
        var withoutId = TicketEvent.Reply(T);

        Assert.Equal(2, TimelineMerge.Union([withId], [withoutId]).Length);
    }
}
