using System.CommandLine;
using System.CommandLine.Invocation;
using NodaTime;

namespace SlaTimers.Worker.Cli;

/// <summary>
/// The <c>slatimers</c> command line, callable in-process: tests hand in streams, a clock and folders and
/// get the exit code back. Bad input (unknown command or option, malformed value, missing option) prints
/// what is wrong to standard error and exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
public static class SlaTimersCli
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IClock clock) =>
        RunAsync(args, new CliContext(stdin, stdout, stderr, clock, Environment.CurrentDirectory, AppContext.BaseDirectory))
            .GetAwaiter().GetResult();

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellation = default)
    {
        var root = CreateRootCommand(context);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction || UnexpectedTokens(parse) is not null)
        {
            return ReportBadInput(parse, context);
        }
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            // The host handles Ctrl+C and SIGTERM itself, and stops gracefully.
            ProcessTerminationTimeout = null,
        };
        var exitCode = await parse.InvokeAsync(invocation, cancellation);
        await context.Out.FlushAsync(cancellation);
        return exitCode;
    }

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var config = CliOptions.Config();
        var root = new RootCommand("slatimers: SLA timers inside business hours. Without a command, runs the worker.")
        {
            config,
            RunCommand.Create(config, context),
            CheckConfigCommand.Create(config, context),
            DeadlineCommand.Create(config, context),
            ElapsedCommand.Create(config, context),
            CalendarCommand.Create(config, context),
            Explain.ExplainCommand.Create(config, context),
            Dashboard.DashboardCommand.Create(context),
        };
        // 'slatimers --urls http://…' runs the worker with that host setting.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, cancellation) => RunCommand.RunAsync(parse, config, context, cancellation));
        return root;
    }

    /// <summary>
    /// Only the worker (root and <c>run</c>) passes unknown arguments on, to the host; everywhere else they
    /// are errors. A bare word first (<c>slatimers dedline</c>) is a mistyped command, not a host setting.
    /// </summary>
    private static string? UnexpectedTokens(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (parse.UnmatchedTokens is not [var first, ..]) return null;
        if (command is RootCommand && !first.StartsWith('-'))
        {
            return $"'{first}' is not a command: expected one of {string.Join(", ", command.Subcommands.Select(c => c.Name))}.";
        }
        return command.TreatUnmatchedTokensAsErrors
            ? $"unrecognized argument(s) {string.Join(' ', parse.UnmatchedTokens.Select(t => $"'{t}'"))}."
            : null;
    }

    private static int ReportBadInput(ParseResult parse, CliContext context)
    {
        var command = parse.CommandResult.Command;
        if (UnexpectedTokens(parse) is { } unexpected) context.Error.WriteLine($"slatimers: {unexpected}");
        foreach (var error in parse.Errors) context.Error.WriteLine($"slatimers: {error.Message}");
        var path = command is RootCommand ? "slatimers" : "slatimers " + string.Join(' ', CommandPath(parse));
        context.Error.WriteLine($"Run '{path} --help' for usage.");
        return ExitCodes.BadInput;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Command is not RootCommand; result = (System.CommandLine.Parsing.CommandResult)result.Parent!)
        {
            names.Push(result.Command.Name);
        }
        return names;
    }
}
