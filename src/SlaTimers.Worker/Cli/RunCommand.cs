using System.CommandLine;
using Microsoft.Extensions.Hosting;
using SlaTimers.Configuration;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Cli;

/// <summary>
/// <c>slatimers run</c> (also <c>slatimers</c> alone): the worker host, until Ctrl+C or SIGTERM. Arguments
/// the command line does not know (<c>--urls</c>, <c>--environment</c>, <c>--Logging:LogLevel:Default=Debug</c>)
/// go to the host's configuration.
/// </summary>
public static class RunCommand
{
    public static Command Create(Option<string?> config, CliContext context)
    {
        var command = new Command("run", "Run the worker (the default). Stops on Ctrl+C.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse, config, context, cancellation));
        return command;
    }

    /// <summary>Runs the host; the root command calls this too.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<string?> config, CliContext context, CancellationToken cancellation)
    {
        if (!ConfigLoading.TryResolve(context, parse.GetValue(config), out var directory, out var exitCode)) return exitCode;

        IHost host;
        try
        {
            host = WorkerHost.Build(new WorkerHostSettings(
                [.. parse.UnmatchedTokens],
                ConfigDirectory.ContentRoot(context.CurrentDirectory, context.BaseDirectory),
                directory,
                context.Clock));
        }
        catch (ConfigurationInvalidException e)
        {
            ConfigLoading.WriteProblems(context, directory, e.Problems, context.Error);
            context.Error.WriteLine("slatimers: not starting; run 'slatimers check-config' after fixing the problems.");
            return ExitCodes.ConfigProblems;
        }

        using (host)
        {
            await host.RunAsync(cancellation);
        }
        return ExitCodes.Ok;
    }
}
