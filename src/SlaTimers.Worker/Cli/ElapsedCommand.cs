using System.CommandLine;
using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Text;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli;

/// <summary><c>slatimers elapsed</c>: the business time in [from, to) of a calendar.</summary>
public static class ElapsedCommand
{
    public static Command Create(Option<string?> config, CliContext context)
    {
        var calendar = CliOptions.Calendar("The calendar whose business hours count (see 'slatimers calendar list').");
        var from = CliOptions.Instant("--from", "Start of the range, inclusive");
        var to = CliOptions.Instant("--to", "End of the range, exclusive");
        var json = CliOptions.Json();
        var command = new Command("elapsed", "Compute the business time between two instants.") { calendar, from, to, json };
        command.Require(calendar, "--calendar ID, the calendar whose business hours count (see 'slatimers calendar list')");
        command.Require(from, "--from INSTANT, " + InstantText.Expected);
        command.Require(to, "--to INSTANT, " + InstantText.Expected);
        command.Validators.Add(result =>
        {
            if (result.GetValue(from) is { } f && result.GetValue(to) is { } t && t < f)
            {
                result.AddError($"--to ({TimeFormats.Utc(t)}) is before --from ({TimeFormats.Utc(f)}): expected --to at or after --from.");
            }
        });

        command.SetAction(parse =>
        {
            if (!ConfigLoading.TryLoad(context, parse.GetValue(config), context.Error, out var configuration, out var exitCode))
            {
                return exitCode;
            }
            if (!ConfigLoading.TryGetCalendar(context, configuration, parse.GetValue(calendar)!, out var businessCalendar))
            {
                return ExitCodes.BadInput;
            }
            var (start, end) = (parse.GetValue(from)!.Value, parse.GetValue(to)!.Value);
            Duration elapsed;
            try
            {
                elapsed = businessCalendar.Elapsed(start, end);
            }
            catch (ArgumentOutOfRangeException e)
            {
                context.Error.WriteLine($"slatimers: --from/--to: {e.Message.Split(Environment.NewLine)[0]}");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(json)) WriteJson(context.Out, businessCalendar, start, end, elapsed);
            else WriteText(context, businessCalendar, start, end, elapsed);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(CliContext context, BusinessCalendar calendar, Instant from, Instant to, Duration elapsed)
    {
        var zone = calendar.Zone;
        HumanOutput.Create(context).WriteKeyValues(
            ("Calendar", $"{calendar.Id} · {calendar.Definition.Name} · {zone.Id}"),
            ("From", $"{TimeFormats.Utc(from)} · {TimeFormats.LocalForPeople(from, zone)}"),
            ("To", $"{TimeFormats.Utc(to)} · {TimeFormats.LocalForPeople(to, zone)}"),
            ("Elapsed", $"{DurationText.Format(elapsed)} of business time ({TimeFormats.IsoDuration(elapsed)}, {TimeFormats.SecondsText(elapsed)} s)"));
    }

    private static void WriteJson(TextWriter output, BusinessCalendar calendar, Instant from, Instant to, Duration elapsed) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("calendar", calendar.Id);
            json.WriteString("from", TimeFormats.Utc(from));
            json.WriteString("to", TimeFormats.Utc(to));
            json.WriteString("elapsed", TimeFormats.IsoDuration(elapsed));
            json.WriteNumber("elapsedSeconds", TimeFormats.TotalSeconds(elapsed));
            json.WriteEndObject();
        });
}
