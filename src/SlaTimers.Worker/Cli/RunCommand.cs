using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
        catch (OptionsValidationException e)
        {
            return ReportSettings(context, e);
        }

        using (host)
        {
            try
            {
                await host.RunAsync(cancellation);
            }
            catch (OptionsValidationException e)
            {
                return ReportSettings(context, e);
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>A setting of the host (appsettings.json, environment, <c>--Key=value</c>) is invalid: each problem on its own line.</summary>
    private static int ReportSettings(CliContext context, OptionsValidationException e)
    {
        foreach (var failure in e.Failures) context.Error.WriteLine($"slatimers: {failure}");
        context.Error.WriteLine("slatimers: not starting; fix the settings (appsettings.json, environment variables or --Key=value arguments).");
        return ExitCodes.ConfigProblems;
    }
}
