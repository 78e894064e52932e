using NodaTime;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Cli.Explain;

namespace SlaTimers.Worker.Tests.Cli.Explain;

/// <summary>How a ticket file maps onto the Core's ticket and timeline events.</summary>
public class TicketFileReaderTests
{
    private static readonly Instant Created = Instant.FromUtc(2026, 11, 23, 8, 0);

    [Fact]
    public void Parse_FullTicket_MapsEveryEventOntoTheCoreTimeline()
    {
        var file = Parse("""
            { "source": "zendesk-main", "id": "4821", "displayPrefix": "ZD", "subject": "Printer offline",
              "created": "2026-11-23T08:00:00Z", "requester": "r@example.nl", "link": "https://x/4821",
              "knownSince": "2026-11-23T09:00:00+01:00",
              "fields": { "priority": "P2", "group": "Servicedesk", "organization": "Gemeente Voorbeeld", "tags": ["vip"], "custom.contract": "gold" },
              "status": "open", "statusName": "Open",
              "timeline": [
                { "at": "2026-11-23T08:00:00Z", "event": "created", "fields": { "priority": "P3", "assignee": null }, "status": "new" },
                { "at": "2026-11-23T08:10:00Z", "event": "statusChanged", "status": "pending", "statusName": "Waiting for customer", "id": "a1" },
                { "at": "2026-11-23T08:20:00Z", "event": "priorityChanged", "value": "P2" },
                { "at": "2026-11-23T08:30:00Z", "event": "groupAssigned", "value": "Second line" },
                { "at": "2026-11-23T08:40:00Z", "event": "agentAssigned", "value": "j.devries" },
                { "at": "2026-11-23T08:50:00Z", "event": "fieldChanged", "field": "tags", "value": "vip,major-incident" },
                { "at": "2026-11-23T09:00:00Z", "event": "agentReply", "note": "for people only" },
                { "at": "2026-11-23T09:10:00Z", "event": "customerMessage" },
                { "at": "2026-11-23T09:20:00Z", "event": "solved" },
                { "at": "2026-11-23T09:30:00Z", "event": "reopened" },
                { "at": "2026-11-23T09:40:00Z", "event": "merged" },
                { "at": "2026-11-23T09:50:00Z", "event": "deleted" } ] }
            """);

        var ticket = file.Ticket;
        Assert.Equal(("zendesk-main", "4821", "ZD-4821", "Printer offline"), (ticket.Source, ticket.ExternalId, ticket.DisplayId, ticket.Subject));
        Assert.Equal(Created, ticket.Created);
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 8, 0), file.KnownSince);
        Assert.Equal(("P2", "Servicedesk", "gold", StatusCategory.Open, "Open"),
            (ticket.Fields.Priority, ticket.Fields.Group, ticket.Fields.Custom["contract"], ticket.Fields.Status, ticket.Fields.StatusName));
        Assert.Equal(["vip"], ticket.Fields.Tags);

        var e = ticket.Timeline;
        Assert.Equal(12, e.Length);
        Assert.Equal((TicketEventKind.Created, StatusCategory.New, "new"), (e[0].Kind, e[0].Status!.Value, e[0].StatusName));
        Assert.Equal("P3", e[0].Fields!["priority"]);
        Assert.Equal("", e[0].Fields!["assignee"]); // null in the file: clears the current value when replayed
        Assert.Equal((TicketEventKind.StatusChanged, StatusCategory.Pending, "Waiting for customer", "a1"), (e[1].Kind, e[1].Status!.Value, e[1].StatusName, e[1].Id));
        Assert.Equal((TicketEventKind.FieldChanged, "priority", "P2"), (e[2].Kind, e[2].Field, e[2].Value));
        Assert.Equal((TicketEventKind.FieldChanged, "group", "Second line"), (e[3].Kind, e[3].Field, e[3].Value));
        Assert.Equal((TicketEventKind.FieldChanged, "assignee", "j.devries"), (e[4].Kind, e[4].Field, e[4].Value));
        Assert.Equal((TicketEventKind.FieldChanged, "tags", "vip,major-incident"), (e[5].Kind, e[5].Field, e[5].Value));
        Assert.Equal([TicketEventKind.AgentReply, TicketEventKind.CustomerMessage], [e[6].Kind, e[7].Kind]);
        Assert.Equal((TicketEventKind.StatusChanged, StatusCategory.Solved), (e[8].Kind, e[8].Status!.Value));
        Assert.Equal((TicketEventKind.StatusChanged, StatusCategory.Open), (e[9].Kind, e[9].Status!.Value));
        Assert.Equal([TicketEventKind.Merged, TicketEventKind.Deleted], [e[10].Kind, e[11].Kind]);
    }

    [Fact]
    public void Parse_WithoutCreatedEvent_StartsTheTimelineWithOneInStatusNew()
    {
        // Without its own status name, the Core would start the ticket under the current one ("Waiting for
        // customer" here), and a target pausing on that name would pause from the start.
        var file = Parse("""{ "id": 7, "created": "2026-11-23T08:00:00Z", "status": "pending", "statusName": "Waiting for customer" }""");

        var created = Assert.Single(file.Ticket.Timeline);
        Assert.Equal((TicketEventKind.Created, Created, StatusCategory.New, "new"), (created.Kind, created.At, created.Status!.Value, created.StatusName));
        Assert.Equal("7", file.Ticket.ExternalId);
        Assert.Equal("file", file.Ticket.Source);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAllowed()
    {
        var file = Parse("""
            // a ticket replayed for a dispute
            { "id": "1", "created": "2026-11-23T08:00:00Z", "timeline": [ { "at": "2026-11-23T09:00:00Z", "event": "agentReply" }, ], }
            """);

        Assert.Equal(2, file.Ticket.Timeline.Length);
    }

    [Fact]
    public void Parse_OddFieldName_IsQuotedInThePath()
    {
        var result = TicketFileReader.Parse("""{ "id": "1", "created": "2026-11-23T08:00:00Z", "fields": { "custom.contract": 5 } }""", "t.json");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("t.json: $.fields['custom.contract']: expected a string, or null to clear the field, not a number (5)", problem.ToString());
    }

    [Fact]
    public void Parse_InstantOutsideTheCalendarYears_IsRejected()
    {
        var result = TicketFileReader.Parse("""{ "id": "1", "created": "9999-01-01T00:00:00Z" }""", "t.json");

        Assert.Equal("t.json: $.created: '9999-01-01T00:00:00Z' is out of range: expected an instant in the years 2 to 9998",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Parse_SecondCreatedEvent_IsRejected()
    {
        var result = TicketFileReader.Parse("""
            { "id": "1", "created": "2026-11-23T08:00:00Z", "timeline": [
              { "at": "2026-11-23T08:00:00Z", "event": "created" }, { "at": "2026-11-23T09:00:00Z", "event": "created" } ] }
            """, "t.json");

        Assert.Equal("t.json: $.timeline[1].event: a second created event: the ticket was created once, at $.timeline[0]",
            Assert.Single(result.Problems).ToString());
    }

    private static TicketFile Parse(string json)
    {
        var result = TicketFileReader.Parse(json, "t.json");
        Assert.True(result.IsValid, string.Join('\n', result.Problems));
        return result.File!;
    }
}
