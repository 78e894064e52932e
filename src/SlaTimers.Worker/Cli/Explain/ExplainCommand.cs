using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Worker.Cli.Explain;

/// <summary>
/// <c>slatimers explain --ticket FILE</c>: every SLA clock of a ticket given as a file (the ticket and its
/// timeline), and how each came to stand where it does: segments, pauses, re-matches, holidays skipped.
/// The tool for settling a dispute, or for trying an agreement on a made-up ticket.
/// </summary>
public static class ExplainCommand
{
    public static Command Create(Option<string?> config, CliContext context)
    {
        var ticket = new Option<string?>("--ticket")
        {
            Description = "The ticket file: JSON with the ticket and its timeline (see config/examples/tickets/).",
            HelpName = "FILE",
        };
        var now = CliOptions.Instant("--now", "The moment to explain the clocks at; later events are not counted. Default: now");
        var json = CliOptions.Json();
        var command = new Command("explain", "Explain a ticket's SLA clocks: state, deadline, checkpoints, and the segments and events that made them.")
        {
            ticket, now, json,
        };
        command.Require(ticket, "--ticket FILE, a JSON file with the ticket and its timeline (see config/examples/tickets/)");

        command.SetAction(parse =>
        {
            if (!TryReadTicket(context, parse.GetValue(ticket)!, out var file)) return ExitCodes.BadInput;
            if (!ConfigLoading.TryLoad(context, parse.GetValue(config), context.Error, out var configuration, out var exitCode))
            {
                return exitCode;
            }
            var at = parse.GetValue(now) ?? context.Clock.GetCurrentInstant();
            TicketExplanation explanation;
            try
            {
                explanation = TicketExplanation.Build(file, configuration.Rules, at);
            }
            catch (ArgumentOutOfRangeException e)
            {
                context.Error.WriteLine($"slatimers: --now/--ticket: {e.Message.Split(Environment.NewLine)[0]}");
                return ExitCodes.BadInput;
            }
            catch (CalendarNeverOpensException e)
            {
                context.Error.WriteLine($"slatimers: {e.Message}");
                return ExitCodes.ConfigProblems;
            }

            if (parse.GetValue(json)) ExplainJson.Write(context.Out, explanation);
            else ExplainText.Write(context, explanation);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads the ticket file; a missing file or any problem in it is bad input, printed one problem a line.</summary>
    private static bool TryReadTicket(CliContext context, string path, [NotNullWhen(true)] out TicketFile? file)
    {
        file = null;
        var fullPath = Path.Combine(context.CurrentDirectory, path);
        if (!File.Exists(fullPath))
        {
            var what = Directory.Exists(fullPath) ? "is a folder" : "does not exist";
            context.Error.WriteLine($"slatimers: --ticket: '{path}' {what}: expected a JSON ticket file (see config/examples/tickets/).");
            return false;
        }
        var result = TicketFileReader.Read(path, context.CurrentDirectory);
        file = result.File;
        if (file is not null) return true;
        foreach (var problem in result.Problems) context.Error.WriteLine(problem.ToString());
        var count = result.Problems.Length == 1 ? "1 problem" : $"{result.Problems.Length} problems";
        context.Error.WriteLine($"slatimers: {count} in the ticket file {path}; nothing explained.");
        return false;
    }
}
