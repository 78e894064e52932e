using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Text;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Cli.Formatting;
using Spectre.Console;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>How <c>slatimers explain</c> prints for people: the ticket, then each clock with its evidence.</summary>
public static class ExplainText
{
    private const string None = "—";

    private static readonly LocalTimePattern Minutes = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalTimePattern Seconds = LocalTimePattern.CreateWithInvariantCulture("HH':'mm':'ss");

    public static void Write(CliContext context, TicketExplanation explanation)
    {
        var console = HumanOutput.Create(context);
        WriteTicket(console, explanation);
        if (explanation.Clocks.IsEmpty)
        {
            console.WriteLine();
            console.WriteLine(explanation.Now < explanation.Ticket.Created
                ? "No clocks: the ticket was created after --now."
                : "No clocks: no agreement's policy applies to this ticket (check its organization, group and fields).");
            return;
        }
        foreach (var clock in explanation.Clocks) WriteClock(console, clock);
    }

    private static void WriteTicket(IAnsiConsole console, TicketExplanation explanation)
    {
        var ticket = explanation.Ticket;
        var fields = explanation.FieldsNow;
        var later = explanation.EventsAfterNow;
        var events = ticket.Timeline.Length;
        console.WriteKeyValues(
        [
            ("Ticket", ticket.Subject.Length == 0 ? ticket.DisplayId : $"{ticket.DisplayId} · {ticket.Subject}"),
            ("Source", ticket.Link is null ? ticket.Source : $"{ticket.Source} · {ticket.Link}"),
            .. ticket.Requester is null ? [] : new[] { ("Requester", ticket.Requester) },
            ("Created", TimeFormats.Utc(ticket.Created)),
            ("Now", TimeFormats.Utc(explanation.Now)),
            .. explanation.File.KnownSince is not { } known ? [] : new[] { ("Known since", TimeFormats.Utc(known)) },
            ("Status", fields.StatusName is null ? fields.Status.ToConfigName() : $"{fields.Status.ToConfigName()} ({fields.StatusName})"),
            ("Fields", FieldsText(fields)),
            ("Timeline", $"{events} event{(events == 1 ? "" : "s")}" + (later == 0 ? "" : $", {later} after now (not counted)")),
        ]);
    }

    private static void WriteClock(IAnsiConsole console, ExplainedClock explained)
    {
        var (clock, zone) = (explained.Clock, explained.Calendar.Zone);
        console.WriteHeading($"Clock {clock.Key}");
        console.WriteKeyValues(
        [
            ("Agreement", $"{explained.Agreement.Id} · {explained.Agreement.Name} ({KindText(clock.AgreementKind)})"),
            ("Policy", explained.Policy is null ? clock.PolicyId ?? None : $"{explained.Policy.Id} · {explained.Policy.Name}"),
            ("Metric", $"{clock.Metric.ToDisplayName()} ({clock.Metric.ToConfigName()}), cycle {clock.Cycle}"),
            ("Calendar", $"{explained.Calendar.Id} · {zone.Id}"),
            ("State", clock.State.ToDisplayName() + (clock.IsPaused && clock.State != ClockState.Paused ? " (paused)" : "")),
            ("Used", $"{DurationText.Format(clock.Used)} of {DurationText.Format(clock.Budget)} (priority {clock.Priority ?? "none"}) · {LeftText(clock.Left)}"),
            ("Deadline", clock.Deadline is { } deadline ? Moment(deadline, zone)
                : clock.State == ClockState.Paused ? "none while paused: it depends on when the clock resumes" : None),
            .. clock.BreachedAt is not { } breached ? [] : new[] { ("Breached at", Moment(breached, zone)) },
            ("Started", Moment(clock.Started, zone)),
            .. clock.Stopped is not { } stopped ? [] : new[] { ("Stopped", $"{Moment(stopped, zone)} · {clock.StopReason}") },
        ]);

        if (!clock.Checkpoints.IsEmpty)
        {
            console.WriteHeading("Checkpoints", $"(local time, {zone.Id})");
            var table = HumanOutput.Table("Checkpoint", "At", "State", "Notify");
            foreach (var checkpoint in clock.Checkpoints)
            {
                table.AddTextRow(CheckpointText(checkpoint.Definition), checkpoint.At is { } at ? Local(at, zone) : None,
                    CheckpointStateText(checkpoint.State), string.Join(", ", checkpoint.Definition.Recipients));
            }
            console.Write(table);
        }

        console.WriteHeading("Segments", $"(local time, {zone.Id})");
        var segments = HumanOutput.Table("From → to", "Counted as", "Policy / priority / budget", "Used");
        foreach (var segment in explained.Segments)
        {
            segments.AddTextRow(Range(segment.From, segment.To, zone), SegmentText(segment),
                $"{segment.PolicyId ?? "none"} / {segment.Priority ?? "none"} / {(segment.Budget is { } b ? DurationText.Format(b) : "no budget")}",
                segment.Kind == SegmentKind.Running ? DurationText.Format(segment.Used) : None);
        }
        segments.AddTextRow("Total", "", "", DurationText.Format(clock.Used));
        console.Write(segments);

        if (!explained.Notes.IsEmpty)
        {
            console.WriteHeading("Notes", $"(local time, {zone.Id})");
            var notes = HumanOutput.Table("At", "What happened");
            foreach (var note in explained.Notes) notes.AddTextRow(Local(note.At, zone), note.Text);
            console.Write(notes);
        }

        if (!explained.Skipped.IsEmpty)
        {
            console.WriteHeading("Holidays and closures skipped while running");
            var skipped = HumanOutput.Table("Date", "Kind", "Name", "Weekly hours not open");
            foreach (var day in explained.Skipped)
            {
                skipped.AddTextRow(TimeFormats.DateForPeople(day.Date), TimeFormats.KindKey(day.Kind), day.Name, TimeFormats.Hours(day.WeeklyHours));
            }
            console.Write(skipped);
        }
    }

    /// <summary><c>priority P2 · group Second line · tags vip, major-incident</c>: the fields that have a value.</summary>
    private static string FieldsText(TicketFields fields)
    {
        var values = new List<(string Name, string? Value)>();
        values.AddRange(TicketFieldNames.Known.Where(f => f != TicketFieldNames.Tags).Select(f => (f, fields.Get(f))));
        if (!fields.Tags.IsEmpty) values.Add((TicketFieldNames.Tags, string.Join(", ", fields.Tags.Order(StringComparer.OrdinalIgnoreCase))));
        values.AddRange(fields.Custom.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (TicketFieldNames.CustomPrefix + c.Key, (string?)c.Value)));
        var parts = values.Where(v => v.Value is not null).Select(v => $"{v.Name} {v.Value}").ToList();
        return parts.Count == 0 ? "none" : string.Join(" · ", parts);
    }

    private static string KindText(AgreementKind kind) => kind == AgreementKind.External ? "external SLA" : "internal OLA";

    private static string LeftText(Duration left) =>
        left >= Duration.Zero ? $"{DurationText.Format(left)} left" : $"{DurationText.Format(-left)} over budget";

    /// <summary><c>warning 75%</c>, <c>escalation 2 (+4h)</c>.</summary>
    public static string CheckpointText(Checkpoint checkpoint) =>
        checkpoint.IsEscalation ? $"escalation {checkpoint.Level} ({checkpoint.Offset})" : $"warning {checkpoint.Offset}";

    public static string CheckpointStateText(CheckpointState state) => state == CheckpointState.NotReached ? "not reached" : state.ToString().ToLowerInvariant();

    private static string SegmentText(ClockSegment segment) => segment.Kind switch
    {
        // The status also on running time: "running (Waiting for customer)" shows this target does not pause on it.
        SegmentKind.Running => $"running ({segment.Status})",
        SegmentKind.Paused => $"paused ({segment.Status})",
        _ => "not applicable",
    };

    /// <summary><c>2026-11-23T13:00:00Z · Mon 2026-11-23 14:00:00 +01:00 CET</c>.</summary>
    private static string Moment(Instant instant, DateTimeZone zone) => $"{TimeFormats.Utc(instant)} · {TimeFormats.LocalForPeople(instant, zone)}";

    /// <summary><c>Fri 2026-04-24 14:30</c> (seconds only when present).</summary>
    private static string Local(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        return $"{TimeFormats.DateForPeople(local.Date)} {TimeText(local.TimeOfDay)}";
    }

    /// <summary><c>Fri 2026-04-24 14:30 → 14:50</c>; the date again only when it changes.</summary>
    private static string Range(Instant from, Instant to, DateTimeZone zone)
    {
        var (start, end) = (from.InZone(zone).LocalDateTime, to.InZone(zone).LocalDateTime);
        return end.Date == start.Date
            ? $"{Local(from, zone)} → {TimeText(end.TimeOfDay)}"
            : $"{Local(from, zone)} → {Local(to, zone)}";
    }

    private static string TimeText(LocalTime time) =>
        (time.Second == 0 && time.NanosecondOfSecond == 0 ? Minutes : Seconds).Format(time);
}
