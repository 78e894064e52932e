using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>
/// <c>slatimers explain --json</c>: one object with a fixed shape. Instants are UTC (<c>…Z</c>), durations
/// ISO-8601 in hours (<c>PT25H30M</c>), absent values null; values are the configuration spellings.
/// </summary>
public static class ExplainJson
{
    public static void Write(TextWriter output, TicketExplanation explanation) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            WriteTicket(json, explanation);
            json.WriteString("now", TimeFormats.Utc(explanation.Now));
            json.WriteStartArray("clocks");
            foreach (var clock in explanation.Clocks) WriteClock(json, clock);
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteTicket(Utf8JsonWriter json, TicketExplanation explanation)
    {
        var ticket = explanation.Ticket;
        var fields = explanation.FieldsNow;
        json.WriteStartObject("ticket");
        json.WriteString("source", ticket.Source);
        json.WriteString("id", ticket.ExternalId);
        json.WriteString("displayId", ticket.DisplayId);
        json.WriteString("subject", ticket.Subject);
        json.WriteString("created", TimeFormats.Utc(ticket.Created));
        WriteInstant(json, "knownSince", explanation.File.KnownSince);
        json.WriteString("status", fields.Status.ToConfigName());
        json.WriteString("statusName", fields.StatusName);
        json.WriteStartObject("fields");
        foreach (var field in TicketFieldNames.Known.Where(f => f != TicketFieldNames.Tags)) json.WriteString(field, fields.Get(field));
        json.WriteStringArray(TicketFieldNames.Tags, fields.Tags.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var (name, value) in fields.Custom.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteString(TicketFieldNames.CustomPrefix + name, value);
        }
        json.WriteEndObject();
        json.WriteNumber("events", ticket.Timeline.Length);
        json.WriteNumber("eventsAfterNow", explanation.EventsAfterNow);
        json.WriteEndObject();
    }

    private static void WriteClock(Utf8JsonWriter json, ExplainedClock explained)
    {
        var clock = explained.Clock;
        json.WriteStartObject();
        json.WriteString("agreement", clock.AgreementId);
        json.WriteString("agreementName", explained.Agreement.Name);
        json.WriteString("kind", clock.AgreementKind == AgreementKind.External ? "external" : "internal");
        json.WriteString("policy", clock.PolicyId);
        json.WriteString("policyName", explained.Policy?.Name);
        json.WriteString("metric", clock.Metric.ToConfigName());
        json.WriteNumber("cycle", clock.Cycle);
        json.WriteString("calendar", clock.CalendarId);
        json.WriteString("priority", clock.Priority);
        json.WriteString("state", clock.State.ToDisplayName());
        json.WriteBoolean("paused", clock.IsPaused);
        json.WriteString("used", TimeFormats.IsoDuration(clock.Used));
        json.WriteString("budget", TimeFormats.IsoDuration(clock.Budget));
        json.WriteString("left", TimeFormats.IsoDuration(clock.Left));
        WriteInstant(json, "deadline", clock.Deadline);
        json.WriteString("deadlineLocal", clock.Deadline is { } d ? TimeFormats.LocalWithOffset(d, explained.Calendar.Zone) : null);
        WriteInstant(json, "breachedAt", clock.BreachedAt);
        json.WriteString("started", TimeFormats.Utc(clock.Started));
        WriteInstant(json, "stopped", clock.Stopped);
        json.WriteString("stopReason", clock.StopReason);

        json.WriteStartArray("checkpoints");
        foreach (var checkpoint in clock.Checkpoints) WriteCheckpoint(json, checkpoint);
        json.WriteEndArray();

        json.WriteStartArray("segments");
        foreach (var segment in explained.Segments) WriteSegment(json, segment);
        json.WriteEndArray();

        json.WriteStartArray("notes");
        foreach (var note in explained.Notes)
        {
            json.WriteStartObject();
            json.WriteString("at", TimeFormats.Utc(note.At));
            json.WriteString("text", note.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("skipped");
        foreach (var day in explained.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("date", TimeFormats.IsoDate(day.Date));
            json.WriteString("kind", TimeFormats.KindKey(day.Kind));
            json.WriteString("name", day.Name);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCheckpoint(Utf8JsonWriter json, ClockCheckpoint checkpoint)
    {
        var definition = checkpoint.Definition;
        json.WriteStartObject();
        WriteInstant(json, "at", checkpoint.At);
        json.WriteString("kind", definition.IsEscalation ? "escalation" : "warning");
        json.WriteString("offset", definition.Offset.ToString());
        json.WriteNumber("level", definition.Level);
        json.WriteString("state", checkpoint.State == CheckpointState.NotReached ? "not-reached" : checkpoint.State.ToString().ToLowerInvariant());
        json.WriteStringArray("recipients", definition.Recipients.Select(r => r.ToString()));
        json.WriteEndObject();
    }

    private static void WriteSegment(Utf8JsonWriter json, ClockSegment segment)
    {
        json.WriteStartObject();
        json.WriteString("from", TimeFormats.Utc(segment.From));
        json.WriteString("to", TimeFormats.Utc(segment.To));
        json.WriteString("kind", segment.Kind switch
        {
            SegmentKind.Running => "running",
            SegmentKind.Paused => "paused",
            _ => "not-applicable",
        });
        json.WriteString("status", segment.Status);
        json.WriteString("policy", segment.PolicyId);
        json.WriteString("priority", segment.Priority);
        json.WriteString("budget", segment.Budget is { } budget ? TimeFormats.IsoDuration(budget) : null);
        json.WriteString("calendar", segment.CalendarId);
        json.WriteString("used", TimeFormats.IsoDuration(segment.Used));
        json.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter json, string name, Instant? instant) =>
        json.WriteString(name, instant is { } i ? TimeFormats.Utc(i) : null);
}
