using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Text;
using SlaTimers.Worker.Cli.Formatting;
using Spectre.Console;

namespace SlaTimers.Worker.Cli;

/// <summary>How <c>slatimers deadline</c> prints its result, for people and as JSON.</summary>
public static class DeadlineOutput
{
    public static void WriteText(CliContext context, BusinessCalendar calendar, DeadlineExplanation result, bool explain)
    {
        var zone = calendar.Zone;
        var console = HumanOutput.Create(context);
        console.WriteKeyValues(
            ("Calendar", $"{calendar.Id} · {calendar.Definition.Name} · {zone.Id}"),
            ("Start", $"{TimeFormats.Utc(result.Start)} · {TimeFormats.LocalForPeople(result.Start, zone)}"),
            ("Duration", $"{DurationText.Format(result.Budget)} of business time ({TimeFormats.IsoDuration(result.Budget)})"),
            ("Deadline", TimeFormats.Utc(result.Deadline)),
            ("Local", $"{TimeFormats.LocalForPeople(result.Deadline, zone)} ({zone.Id})"));
        if (!explain) return;

        console.WriteHeading("Open time used", $"(local time, {zone.Id})");
        var segments = HumanOutput.Table("From", "To", "Duration");
        foreach (var segment in result.SegmentsUsed)
        {
            var (from, to) = (segment.Start.InZone(zone), segment.End.InZone(zone));
            var toText = to.Date == from.Date ? TimeFormats.TimeOfDay(to.TimeOfDay) : $"{TimeFormats.DateForPeople(to.Date)} {TimeFormats.TimeOfDay(to.TimeOfDay)}";
            segments.AddTextRow($"{TimeFormats.DateForPeople(from.Date)} {TimeFormats.TimeOfDay(from.TimeOfDay)}", toText, DurationText.Format(segment.Duration));
        }
        segments.AddTextRow("Total", "", DurationText.Format(Total(result.SegmentsUsed)));
        console.Write(segments);

        var skipped = result.Skipped.ToList();
        if (skipped.Count > 0)
        {
            console.WriteHeading("Holidays and closures skipped");
            var table = HumanOutput.Table("Date", "Kind", "Name", "Weekly hours not open");
            foreach (var day in skipped)
            {
                table.AddTextRow(TimeFormats.DateForPeople(day.Date), TimeFormats.KindKey(day.Kind), day.Name, TimeFormats.Hours(day.WeeklyHours));
            }
            console.Write(table);
        }

        var changed = result.ChangedHours.ToList();
        if (changed.Count > 0)
        {
            console.WriteHeading("Changed hours");
            var table = HumanOutput.Table("Date", "Name", "Hours", "Instead of");
            foreach (var day in changed)
            {
                table.AddTextRow(TimeFormats.DateForPeople(day.Date), day.Name, TimeFormats.Hours(day.Hours), TimeFormats.Hours(day.WeeklyHours));
            }
            console.Write(table);
        }
        if (skipped.Count == 0 && changed.Count == 0)
        {
            console.WriteLine();
            console.WriteLine("No holidays, closures or changed hours between start and deadline.");
        }
    }

    public static void WriteJson(TextWriter output, BusinessCalendar calendar, DeadlineExplanation result, bool explain) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("calendar", calendar.Id);
            json.WriteString("zone", calendar.Zone.Id);
            json.WriteString("start", TimeFormats.Utc(result.Start));
            json.WriteString("duration", TimeFormats.IsoDuration(result.Budget));
            json.WriteString("deadline", TimeFormats.Utc(result.Deadline));
            json.WriteString("deadlineLocal", TimeFormats.LocalWithOffset(result.Deadline, calendar.Zone));
            if (explain) WriteExplanation(json, calendar.Zone, result);
            json.WriteEndObject();
        });

    private static void WriteExplanation(Utf8JsonWriter json, DateTimeZone zone, DeadlineExplanation result)
    {
        json.WriteStartArray("segments");
        foreach (var segment in result.SegmentsUsed)
        {
            json.WriteStartObject();
            json.WriteString("from", TimeFormats.LocalWithOffset(segment.Start, zone));
            json.WriteString("to", TimeFormats.LocalWithOffset(segment.End, zone));
            json.WriteString("duration", TimeFormats.IsoDuration(segment.Duration));
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("skipped");
        foreach (var day in result.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("date", TimeFormats.IsoDate(day.Date));
            json.WriteString("kind", TimeFormats.KindKey(day.Kind));
            json.WriteString("name", day.Name);
            json.WriteStringArray("weeklyHours", day.WeeklyHours.Select(h => h.ToString()));
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("changedHours");
        foreach (var day in result.ChangedHours)
        {
            json.WriteStartObject();
            json.WriteString("date", TimeFormats.IsoDate(day.Date));
            json.WriteString("name", day.Name);
            json.WriteStringArray("hours", day.Hours.Select(h => h.ToString()));
            json.WriteStringArray("weeklyHours", day.WeeklyHours.Select(h => h.ToString()));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static Duration Total(IEnumerable<Interval> segments) =>
        segments.Aggregate(Duration.Zero, (sum, segment) => sum + segment.Duration);
}
