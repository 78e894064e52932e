using System.CommandLine;

namespace SlaTimers.Worker.Cli;

/// <summary><c>slatimers check-config</c>: validates the config folder; the problems are the output.</summary>
public static class CheckConfigCommand
{
    public static Command Create(Option<string?> config, CliContext context)
    {
        var command = new Command("check-config",
            "Validate the config folder: print 'OK: N calendars (ids)', or every problem as 'file: $.json.path: message' (exit 1).");
        command.SetAction(parse =>
        {
            if (!ConfigLoading.TryLoad(context, parse.GetValue(config), context.Out, out var configuration, out var exitCode))
            {
                return exitCode;
            }
            var ids = configuration.Calendars.All.Select(c => c.Id).ToList();
            context.Out.WriteLine($"OK: {ids.Count} calendars ({string.Join(", ", ids)})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
