using Microsoft.Extensions.Hosting;
using NodaTime;

namespace SlaTimers.Worker.Hosting;

/// <summary>What the worker host is built from: arguments for the host, and the folders and clock the CLI resolved.</summary>
public sealed record WorkerHostSettings(string[] Args, string ContentRoot, string ConfigDirectory, IClock Clock);

/// <summary>
/// Composes the long-running worker (<c>slatimers run</c>). Each concern adds itself through one
/// <c>AddXxx(this IHostApplicationBuilder)</c>; later work (Hangfire, helpdesk sync, notifications) adds
/// its own here.
/// </summary>
public static class WorkerHost
{
    /// <exception cref="SlaTimers.Configuration.ConfigurationInvalidException">The config folder has problems: the host must not start.</exception>
    public static IHost Build(WorkerHostSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings.Args,
            ContentRootPath = settings.ContentRoot,
        });
        builder.AddClock(settings.Clock);
        builder.AddSlaConfiguration(settings.ConfigDirectory);
        return builder.Build();
    }
}
