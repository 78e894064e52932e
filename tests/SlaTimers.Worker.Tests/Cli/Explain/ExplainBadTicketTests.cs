using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Cli.Explain;

/// <summary>
/// Bad ticket files: exit code 2, nothing on standard output, and each problem as
/// <c>ticket.json: $.json.path: what is wrong and what was expected</c>, naming the file as it was given.
/// </summary>
public sealed class ExplainBadTicketTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Explain_EventWithImpossibleDate_NamesFileAndPath()
    {
        var result = Explain("""
            { "id": "1", "created": "2026-11-23T08:00:00Z", "timeline": [
              { "at": "2026-11-23T08:00:00Z", "event": "created" },
              { "at": "2026-11-23T09:00:00Z", "event": "agentReply" },
              { "at": "2026-11-23T10:00:00Z", "event": "solved" },
              { "at": "2026-13-01", "event": "reopened" } ] }
            """);

        AssertBadTicket(result,
            "ticket.json: $.timeline[3].at: '2026-13-01' is not an instant: expected an ISO-8601 instant with Z or an offset");
    }

    [Fact]
    public void Explain_LocalTimeWithoutOffset_IsNotAnInstant()
    {
        var result = Explain("""{ "id": "1", "created": "2026-11-23T08:00:00" }""");

        AssertBadTicket(result, "ticket.json: $.created: '2026-11-23T08:00:00' is not an instant: expected an ISO-8601 instant with Z or an offset");
    }

    [Fact]
    public void Explain_UnknownEventKind_ListsTheKinds()
    {
        var result = Explain("""
            { "id": "1", "created": "2026-11-23T08:00:00Z", "timeline": [ { "at": "2026-11-23T09:00:00Z", "event": "reply" } ] }
            """);

        AssertBadTicket(result, "ticket.json: $.timeline[0].event: unknown event 'reply': expected one of created, statusChanged, priorityChanged,");
        Assert.Contains("agentReply, customerMessage, solved, reopened, merged, deleted", result.Error);
    }

    [Fact]
    public void Explain_MissingCreated_SaysWhatItNeeds()
    {
        var result = Explain("""{ "source": "zendesk-main", "id": "4821", "timeline": [] }""");

        AssertBadTicket(result, "ticket.json: $.created: missing: expected when the ticket was created: an ISO-8601 instant with Z or an offset");
    }

    [Fact]
    public void Explain_SeveralProblems_ReportsEachOnItsOwnLine()
    {
        var result = Explain("""
            { "id": "1", "created": "2026-11-23T08:00:00Z", "prority": "P1",
              "fields": { "prio": "P2", "tags": ["vip", 3] },
              "timeline": [
                { "at": "2026-11-23T10:00:00Z", "event": "statusChanged", "status": "waiting" },
                { "at": "2026-11-23T09:00:00Z", "event": "priorityChanged" },
                { "at": "2026-11-23T11:00:00Z", "event": "agentReply", "value": "x" } ] }
            """);

        AssertBadTicket(result, "ticket.json: $.prority: unknown property 'prority' of a ticket: expected source, id,");
        Assert.Contains("ticket.json: $.fields.prio: unknown field 'prio': expected priority, type, group, assignee, organization, channel, tags or custom.<name>", result.ErrorLines);
        Assert.Contains("ticket.json: $.fields.tags[1]: expected a tag: a non-empty string without commas or spaces, not a number (3)", result.ErrorLines);
        Assert.Contains("ticket.json: $.timeline[0].status: 'waiting' is not a status: expected one of new, open, pending, on-hold, solved, closed "
            + "(the helpdesk's own name goes in statusName)", result.ErrorLines);
        Assert.Contains("ticket.json: $.timeline[1].value: missing: expected the new value of 'priority' (null clears it)", result.ErrorLines);
        Assert.Contains("ticket.json: $.timeline[2].value: unknown property 'value' for event 'agentReply': expected at, event, id, note", result.ErrorLines);
        Assert.Contains("slatimers: 6 problems in the ticket file ticket.json; nothing explained.", result.ErrorLines);
    }

    [Fact]
    public void Explain_EventsOutOfOrderOrBeforeCreation_AreRejected()
    {
        var result = Explain("""
            { "id": "1", "created": "2026-11-23T08:00:00Z", "timeline": [
              { "at": "2026-11-23T07:00:00Z", "event": "agentReply" },
              { "at": "2026-11-23T10:00:00Z", "event": "agentReply" },
              { "at": "2026-11-23T09:00:00+00:00", "event": "solved" } ] }
            """);

        AssertBadTicket(result, "ticket.json: $.timeline[0].at: 2026-11-23T07:00:00Z is before the ticket was created ($.created is 2026-11-23T08:00:00Z)");
        Assert.Contains("ticket.json: $.timeline[2].at: 2026-11-23T09:00:00Z is before the previous event ($.timeline[1].at is 2026-11-23T10:00:00Z): "
            + "list the events in time order", result.ErrorLines);
    }

    [Fact]
    public void Explain_CreatedEventAtAnotherInstant_IsRejected()
    {
        var result = Explain("""
            { "id": "1", "created": "2026-11-23T08:00:00Z", "timeline": [ { "at": "2026-11-23T08:30:00Z", "event": "created" } ] }
            """);

        AssertBadTicket(result,
            "ticket.json: $.timeline[0].at: the created event is at 2026-11-23T08:30:00Z but $.created is 2026-11-23T08:00:00Z: expected the same instant");
    }

    [Fact]
    public void Explain_MalformedJson_GivesLineAndPosition()
    {
        var result = Explain("{ \"id\": \"1\",\n  \"created\": \"2026-11-23T08:00:00Z\"\n  \"timeline\": [] }");

        AssertBadTicket(result, "ticket.json: $: is not valid JSON at line 3, position 3:");
    }

    [Fact]
    public void Explain_NotAnObject_SaysWhatATicketLooksLike()
    {
        var result = Explain("[]");

        AssertBadTicket(result, "ticket.json: $: expected a ticket object such as { \"id\": \"4821\"");
    }

    [Fact]
    public void Explain_MissingFile_IsBadInput()
    {
        var result = CliHarness.RunIn(_folder.Path, TestPaths.Neutral, "", "explain", "--ticket", "nope.json", "--config", TestPaths.RealConfig);

        AssertBadTicket(result, "slatimers: --ticket: 'nope.json' does not exist: expected a JSON ticket file");
    }

    [Fact]
    public void Explain_FolderInsteadOfFile_IsBadInput()
    {
        var result = CliHarness.Run("explain", "--ticket", _folder.Path, "--config", TestPaths.RealConfig);

        AssertBadTicket(result, $"slatimers: --ticket: '{_folder.Path}' is a folder: expected a JSON ticket file");
    }

    /// <summary>Runs explain in the temp folder on ticket.json holding <paramref name="json"/>, so problems name "ticket.json".</summary>
    private CliResult Explain(string json)
    {
        _folder.Write("ticket.json", json);
        return CliHarness.RunIn(_folder.Path, TestPaths.Neutral, "", "explain", "--ticket", "ticket.json", "--config", TestPaths.RealConfig);
    }

    private static void AssertBadTicket(CliResult result, string expectedError)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expectedError, result.Error);
        Assert.Empty(result.Out);
    }
}
