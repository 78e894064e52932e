using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Text;
using SlaTimers.Worker.Cli.Batch;
using SlaTimers.Worker.Cli.Formatting;

namespace SlaTimers.Worker.Cli;

/// <summary>
/// <c>slatimers deadline</c>: when a budget of business time started at an instant runs out, with
/// <c>--explain</c> how (segments used, dates skipped), or many at once with <c>--batch</c>.
/// </summary>
public static class DeadlineCommand
{
    public static Command Create(Option<string?> config, CliContext context)
    {
        var calendar = CliOptions.Calendar("The calendar whose business hours count (see 'slatimers calendar list').");
        var start = CliOptions.Instant("--start", "When the clock starts");
        var duration = CliOptions.Duration("--duration", "The budget of business time");
        var explain = new Option<bool>("--explain") { Description = "Also list the open segments used and the holidays, closures and changed hours on the way." };
        var json = CliOptions.Json();
        var batch = new Option<bool>("--batch")
        {
            Description = "Read JSON lines from standard input ({\"id\":1,\"calendar\":\"..\",\"start\":\"..\",\"duration\":\"PT2H\"} "
                + "or {\"id\":2,\"calendar\":\"..\",\"from\":\"..\",\"to\":\"..\"}) and write one JSON line per input, in order.",
        };

        var command = new Command("deadline", "Compute the deadline of a business-time budget started at an instant.")
        {
            calendar, start, duration, explain, json, batch,
        };
        Func<CommandResult, bool> isBatch = r => r.GetValue(batch);
        command.Require(calendar, "--calendar ID, the calendar whose business hours count (see 'slatimers calendar list')", isBatch);
        command.Require(start, "--start INSTANT, " + InstantText.Expected, isBatch);
        command.Require(duration, "--duration DURATION, " + DurationText.Expected, isBatch);
        command.Validators.Add(result =>
        {
            if (!result.GetValue(batch)) return;
            var extra = new Option[] { calendar, start, duration, explain }.Where(o => result.GetResult(o) is not null).Select(o => o.Name).ToList();
            if (extra.Count > 0)
            {
                result.AddError($"--batch reads calendar, start and duration from each input line: remove {string.Join(", ", extra)}.");
            }
        });

        command.SetAction(parse =>
        {
            if (!ConfigLoading.TryLoad(context, parse.GetValue(config), context.Error, out var configuration, out var exitCode))
            {
                return exitCode;
            }
            if (parse.GetValue(batch))
            {
                new DeadlineBatch(configuration.Calendars).Run(context.In, context.Out);
                return ExitCodes.Ok;
            }
            if (!ConfigLoading.TryGetCalendar(context, configuration, parse.GetValue(calendar)!, out var businessCalendar))
            {
                return ExitCodes.BadInput;
            }
            return Compute(context, businessCalendar, parse.GetValue(start)!.Value, parse.GetValue(duration)!.Value,
                parse.GetValue(explain), parse.GetValue(json));
        });
        return command;
    }

    private static int Compute(CliContext context, BusinessCalendar calendar, Instant start, Duration budget, bool explain, bool json)
    {
        DeadlineExplanation result;
        try
        {
            result = explain
                ? calendar.ExplainDeadline(start, budget)
                : new DeadlineExplanation(calendar.Id, start, budget, calendar.Deadline(start, budget), [], []);
        }
        catch (ArgumentOutOfRangeException e)
        {
            context.Error.WriteLine($"slatimers: --start/--duration: {e.Message.Split(Environment.NewLine)[0]}");
            return ExitCodes.BadInput;
        }
        catch (CalendarNeverOpensException e)
        {
            context.Error.WriteLine($"slatimers: {e.Message}");
            return ExitCodes.ConfigProblems;
        }

        if (json) DeadlineOutput.WriteJson(context.Out, calendar, result, explain);
        else DeadlineOutput.WriteText(context, calendar, result, explain);
        return ExitCodes.Ok;
    }
}
