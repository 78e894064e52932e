using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>A ticket read from a file: the ticket with its timeline, and when SlaTimers first saw it (if said).</summary>
public sealed record TicketFile(Ticket Ticket, Instant? KnownSince);

/// <summary>The ticket, or every problem found in the file (then <see cref="File"/> is null).</summary>
public sealed record TicketFileResult(TicketFile? File, ImmutableArray<TicketFileProblem> Problems)
{
    public bool IsValid => File is not null;
}

/// <summary>
/// Reads a ticket file for <c>slatimers explain</c>: a ticket as a helpdesk would show it, with its timeline
/// (format in the README). It is command-line input, not admin config, but is held to the same standard:
/// every problem names the file, the JSON path and what was expected.
/// </summary>
public static class TicketFileReader
{
    // People write these files by hand to replay a dispute: comments and a trailing comma are harmless.
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] Known =
    [
        "source", "id", "displayPrefix", "subject", "created", "requester", "link", "knownSince",
        "fields", "status", "statusName", "timeline", "description",
    ];

    /// <summary>Reads <paramref name="path"/>; problems name the file as given (relative paths stay relative).</summary>
    public static TicketFileResult Read(string path, string? currentDirectory = null)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(Path.Combine(currentDirectory ?? "", path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TicketFileResult(null, [new TicketFileProblem(path, "$", $"cannot be read: {e.Message}")]);
        }
        return Parse(text, path);
    }

    /// <param name="text">The file's content.</param>
    /// <param name="file">How problems name the file.</param>
    public static TicketFileResult Parse(string text, string file)
    {
        var json = new TicketJson(file);
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            var ticket = ReadTicket(json, document.RootElement);
            return json.Problems.Count == 0 && ticket is not null
                ? new TicketFileResult(ticket, [])
                : new TicketFileResult(null, [.. json.Problems]);
        }
        catch (JsonException e)
        {
            // The parser counts from 0; editors count lines and columns from 1.
            var tail = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            json.Report("$", $"is not valid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: "
                + (tail < 0 ? e.Message : e.Message[..tail]));
            return new TicketFileResult(null, [.. json.Problems]);
        }
    }

    private static TicketFile? ReadTicket(TicketJson json, JsonElement root)
    {
        const string path = "$";
        if (!json.IsObject(root, path, "a ticket object such as { \"id\": \"4821\", \"created\": \"2026-11-23T08:00:00Z\", \"timeline\": [ … ] }"))
        {
            return null;
        }
        json.RejectUnknown(root, path, Known, "of a ticket");
        var id = ReadId(json, root);
        var created = json.Instant(root, path, "created", "when the ticket was created", required: true);
        var source = json.String(root, path, "source", "the helpdesk connection's name, such as \"zendesk-main\"") ?? "file";
        var displayPrefix = json.String(root, path, "displayPrefix", "the prefix people see before the id, such as \"ZD\"");
        var subject = json.String(root, path, "subject", "the ticket's subject (a string)") ?? "";
        var requester = json.String(root, path, "requester", "who asked (a string)");
        var link = json.String(root, path, "link", "the ticket's address in the helpdesk (a string)");
        var knownSince = json.Instant(root, path, "knownSince", "when SlaTimers first saw the ticket");
        json.String(root, path, "description", "what this file is about, for people (a string)");

        var fields = new TicketFields();
        if (root.TryGetProperty("fields", out var fieldsElement))
        {
            foreach (var (field, value) in TicketFieldsReader.Read(json, fieldsElement, "$.fields")) fields = fields.With(field, value);
        }
        if (TicketEventReader.Status(json, root, path, required: false) is { } status) fields = fields with { Status = status };
        fields = fields with { StatusName = TicketEventReader.StatusName(json, root, path) };

        var timeline = root.TryGetProperty("timeline", out var timelineElement) ? ReadTimeline(json, timelineElement, created) : [];
        if (id is null || created is null) return null;
        if (!timeline.Any(e => e.Kind == TicketEventKind.Created))
        {
            timeline = timeline.Insert(0, TicketEventReader.Created(created.Value, StatusCategory.New, null, null, null));
        }
        var ticket = new Ticket
        {
            Source = source,
            ExternalId = id,
            DisplayPrefix = displayPrefix,
            Created = created.Value,
            Subject = subject,
            Requester = requester,
            Link = link,
            Fields = fields,
            Timeline = timeline,
        };
        return new TicketFile(ticket, knownSince);
    }

    /// <summary>The helpdesk's id: a string, or a whole number as many helpdesks write it.</summary>
    private static string? ReadId(TicketJson json, JsonElement root)
    {
        const string expected = "the helpdesk's id of the ticket, such as \"4821\" or 4821";
        if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number))
        {
            return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var text = json.String(root, "$", "id", expected, required: true);
        if (text is not null && string.IsNullOrWhiteSpace(text)) json.Report("$.id", $"is empty: expected {expected}");
        return text;
    }

    /// <summary>
    /// The events in file order. A timeline is history: events come in time order, none before the ticket
    /// was created, and at most one created event, at the ticket's creation.
    /// </summary>
    private static ImmutableArray<TicketEvent> ReadTimeline(TicketJson json, JsonElement timeline, Instant? created)
    {
        const string path = "$.timeline";
        if (timeline.ValueKind != JsonValueKind.Array)
        {
            json.Report(path, $"expected an array of events, not {TicketJson.Describe(timeline)}");
            return [];
        }
        var events = ImmutableArray.CreateBuilder<TicketEvent>();
        (Instant At, string Path)? previous = null;
        string? createdEventPath = null;
        var index = 0;
        foreach (var element in timeline.EnumerateArray())
        {
            var eventPath = TicketJson.Item(path, index++);
            if (TicketEventReader.Read(json, element, eventPath) is not { } e) continue;
            var atPath = TicketJson.Property(eventPath, "at");
            if (e.Kind != TicketEventKind.Created && created is { } c && e.At < c)
            {
                json.Report(atPath, $"{TimeFormats.Utc(e.At)} is before the ticket was created ($.created is {TimeFormats.Utc(c)})");
            }
            else if (previous is { } p && e.At < p.At)
            {
                json.Report(atPath, $"{TimeFormats.Utc(e.At)} is before the previous event ({p.Path} is {TimeFormats.Utc(p.At)}): "
                    + "list the events in time order");
            }
            if (e.Kind == TicketEventKind.Created)
            {
                if (createdEventPath is not null)
                {
                    json.Report(TicketJson.Property(eventPath, "event"), $"a second created event: the ticket was created once, at {createdEventPath}");
                }
                else if (created is { } c2 && e.At != c2)
                {
                    json.Report(atPath, $"the created event is at {TimeFormats.Utc(e.At)} but $.created is {TimeFormats.Utc(c2)}: expected the same instant");
                }
                createdEventPath ??= eventPath;
            }
            previous = (e.At, atPath);
            events.Add(e);
        }
        return events.ToImmutable();
    }
}
