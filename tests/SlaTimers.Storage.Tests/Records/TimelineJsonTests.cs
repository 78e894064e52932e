using NodaTime;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Records;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Tests.Records;

/// <summary>
/// The <c>timeline</c> column a page writes: the stored events merged with the page's (<see cref="TimelineMerge"/>),
/// and the two text shortcuts that skip parsing what is stored give exactly what the full merge gives.
/// </summary>
public class TimelineJsonTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static Instant M(int minutes) => T + Duration.FromMinutes(minutes);

    private static readonly TicketEvent Created = TicketEvent.Created(T, StatusCategory.New, new Dictionary<string, string> { ["priority"] = "normal" }, "1.created") with { StatusName = "New" };
    private static readonly TicketEvent Opened = TicketEvent.StatusChange(M(5), StatusCategory.Open, "Open", "2.0");
    private static readonly TicketEvent Replied = TicketEvent.Reply(M(20), "3.0");
    private static readonly TicketEvent Wrote = TicketEvent.CustomerWrote(M(50));
    private static readonly TicketEvent Pending = TicketEvent.StatusChange(M(60), StatusCategory.Pending, "Waiting");

    private static string Json(params TicketEvent[] events) => EventDocument.Serialize(events);

    private static string FullMerge(string? stored, IReadOnlyList<TicketEvent> incoming) =>
        EventDocument.Serialize(TimelineMerge.Union(stored is null ? [] : EventDocument.Deserialize(stored), incoming));

    [Fact]
    public void MergeJson_OfANewTicket_IsThePagesEventsOnceEach()
    {
        var merged = TimelineJson.MergeJson(null, [Created, Opened, Wrote, Opened, Wrote with { }]);

        Assert.Equal(Json(Created, Opened, Wrote), merged);
    }

    [Fact]
    public void MergeJson_OfAPageReadAgain_IsTheStoredText()
    {
        var stored = Json(Created, Opened, Replied, Wrote);

        Assert.Equal(stored, TimelineJson.MergeJson(stored, [Created, Opened, Replied, Wrote]));
    }

    [Fact]
    public void MergeJson_OfAPageThatExtendsTheStoredEvents_IsThePage()
    {
        var stored = Json(Created, Opened);

        Assert.Equal(Json(Created, Opened, Replied, Wrote), TimelineJson.MergeJson(stored, [Created, Opened, Replied, Wrote]));
    }

    [Fact]
    public void MergeJson_KeepsStoredEventsThePageLacks_AndAppendsTheNewOnes()
    {
        var stored = Json(Created, Opened, Replied);

        Assert.Equal(Json(Created, Opened, Replied, Wrote, Pending), TimelineJson.MergeJson(stored, [Opened, Wrote, Pending]));
    }

    [Fact]
    public void MergeJson_AStoredEventTheSourceChanged_KeepsTheStoredCopy()
    {
        var stored = Json(Created, Opened);
        var renamed = Opened with { StatusName = "In progress" };

        Assert.Equal(Json(Created, Opened, Replied), TimelineJson.MergeJson(stored, [Created, renamed, Replied]));
    }

    [Fact]
    public void MergeJson_IdLessEvents_AreMatchedByValue_StatusNameIncluded_CreatedFieldsNot()
    {
        var created = TicketEvent.Created(T, StatusCategory.New, new Dictionary<string, string> { ["priority"] = "normal" });
        var stored = Json(created, Pending);
        var createdAgain = TicketEvent.Created(T, StatusCategory.New, new Dictionary<string, string> { ["priority"] = "urgent" });
        var renamed = Pending with { StatusName = "On hold" };

        var merged = TimelineJson.MergeJson(stored, [createdAgain, Pending with { }, renamed]);

        Assert.Equal(Json(created, Pending, renamed), merged);
    }

    /// <summary>Every pair of these timelines, stored and read, in both shortcuts and the full merge.</summary>
    [Fact]
    public void MergeJson_IsTheFullMerge_ForEveryPairOfTimelines()
    {
        TicketEvent[][] timelines =
        [
            [],
            [Created],
            [Created, Opened],
            [Created, Opened, Replied],
            [Created, Opened, Replied, Wrote, Pending],
            [Opened, Created],
            [Created, Replied],
            [Created, Opened with { Value = "x" }, Replied],
            [Created with { Fields = null }, Wrote],
            [Created, Wrote, Wrote with { }, Pending with { StatusName = null }],
            [Created, Opened, Created, Opened],
        ];
        foreach (var stored in timelines.Select(t => t.Length == 0 ? "[]" : Json(t)).Prepend(null))
        {
            foreach (var page in timelines)
            {
                Assert.Equal(FullMerge(stored, page), TimelineJson.MergeJson(stored, page));
            }
        }
    }
}
