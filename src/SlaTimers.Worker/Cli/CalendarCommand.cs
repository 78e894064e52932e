using System.CommandLine;
using System.Text.Json;
using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Worker.Cli.Formatting;
using Spectre.Console;

namespace SlaTimers.Worker.Cli;

/// <summary><c>slatimers calendar list</c> and <c>slatimers calendar show ID</c>: what a calendar says, for people and as JSON.</summary>
public static class CalendarCommand
{
    private static readonly IsoDayOfWeek[] Week =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    public static Command Create(Option<string?> config, CliContext context) =>
        new("calendar", "Show the configured business calendars.")
        {
            CreateList(config, context),
            CreateShow(config, context),
        };

    private static Command CreateList(Option<string?> config, CliContext context)
    {
        var json = CliOptions.Json();
        var command = new Command("list", "List the calendars: id, name and time zone.") { json };
        command.SetAction(parse =>
        {
            if (!ConfigLoading.TryLoad(context, parse.GetValue(config), context.Error, out var configuration, out var exitCode))
            {
                return exitCode;
            }
            var calendars = configuration.Calendars.All.ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("calendars");
                    foreach (var c in calendars)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", c.Id);
                        w.WriteString("name", c.Definition.Name);
                        w.WriteString("zone", c.Zone.Id);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }
            var table = HumanOutput.Table("Id", "Name", "Zone");
            foreach (var c in calendars) table.AddTextRow(c.Id, c.Definition.Name, c.Zone.Id);
            HumanOutput.Create(context).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateShow(Option<string?> config, CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The calendar id (see 'slatimers calendar list')." };
        var year = new Option<int?>("--year")
        {
            Description = "The year whose holidays and overrides to list. Default: the current year in the calendar's zone.",
            HelpName = "YEAR",
        };
        year.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } y && y is < 2 or > 9998)
            {
                result.AddError($"--year: {y} is out of range: expected a year from 2 to 9998.");
            }
        });
        var json = CliOptions.Json();
        var command = new Command("show", "Show a calendar: zone, weekly hours, and one year's holidays and overrides.") { id, year, json };
        command.SetAction(parse =>
        {
            if (!ConfigLoading.TryLoad(context, parse.GetValue(config), context.Error, out var configuration, out var exitCode))
            {
                return exitCode;
            }
            var calendarId = parse.GetValue(id)!;
            if (!configuration.Calendars.TryGet(calendarId, out var calendar))
            {
                context.Error.WriteLine($"slatimers: ID: unknown calendar '{calendarId}': expected one of {ConfigLoading.KnownIds(configuration.Calendars)}.");
                return ExitCodes.BadInput;
            }
            var shownYear = parse.GetValue(year) ?? context.Clock.GetCurrentInstant().InZone(calendar.Zone).Year;
            var days = calendar.DaysIn(shownYear);
            if (parse.GetValue(json)) WriteJson(context.Out, calendar, shownYear, days);
            else WriteText(context, calendar, shownYear, days);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(CliContext context, BusinessCalendar calendar, int year, IReadOnlyList<CalendarDay> days)
    {
        var console = HumanOutput.Create(context);
        var sources = calendar.Definition.Holidays.Select(h => h.Description).DefaultIfEmpty("none").ToList();
        console.WriteKeyValues(
        [
            ("Calendar", calendar.Id),
            ("Name", calendar.Definition.Name),
            ("Zone", calendar.Zone.Id),
            ("Holidays", sources[0]),
            .. sources.Skip(1).Select(s => ("", s)),
        ]);

        console.WriteHeading("Weekly hours", $"(local time, {calendar.Zone.Id})");
        var week = HumanOutput.Table("Day", "Hours");
        foreach (var day in Week) week.AddTextRow(day.ToString(), TimeFormats.Hours(calendar.Definition.Week[day]));
        console.Write(week);

        console.WriteHeading($"Holidays and overrides in {year}");
        if (days.Count == 0)
        {
            console.WriteLine("none");
            return;
        }
        var table = HumanOutput.Table("Date", "Kind", "Name", "Hours", "Weekly hours");
        foreach (var day in days)
        {
            table.AddTextRow(TimeFormats.DateForPeople(day.Date), TimeFormats.KindKey(day.Kind), day.Name,
                TimeFormats.Hours(day.Hours), TimeFormats.Hours(day.WeeklyHours));
        }
        console.Write(table);
    }

    private static void WriteJson(TextWriter output, BusinessCalendar calendar, int year, IReadOnlyList<CalendarDay> days) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("id", calendar.Id);
            json.WriteString("name", calendar.Definition.Name);
            json.WriteString("zone", calendar.Zone.Id);
            json.WriteStringArray("holidaySources", calendar.Definition.Holidays.Select(h => h.Description));
            json.WriteStartObject("week");
            foreach (var day in Week)
            {
                json.WriteStringArray(TimeFormats.WeekdayKey(day), calendar.Definition.Week[day].Select(h => h.ToString()));
            }
            json.WriteEndObject();
            json.WriteNumber("year", year);
            json.WriteStartArray("days");
            foreach (var day in days) WriteDay(json, day);
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteDay(Utf8JsonWriter json, CalendarDay day)
    {
        json.WriteStartObject();
        json.WriteString("date", TimeFormats.IsoDate(day.Date));
        json.WriteString("weekday", TimeFormats.WeekdayKey(day.Date.DayOfWeek));
        json.WriteString("kind", TimeFormats.KindKey(day.Kind));
        json.WriteString("name", day.Name);
        json.WriteStringArray("hours", day.Hours.Select(h => h.ToString()));
        json.WriteStringArray("weeklyHours", day.WeeklyHours.Select(h => h.ToString()));
        json.WriteEndObject();
    }

}
