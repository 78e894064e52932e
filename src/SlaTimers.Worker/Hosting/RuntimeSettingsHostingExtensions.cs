using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Hosting;

public static class RuntimeSettingsHostingExtensions
{
    /// <summary>Checks at start the process's environment against the <c>runtime.env</c> shipped beside the executable.</summary>
    public static IHostApplicationBuilder AddRuntimeSettingsReport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService(sp => new RuntimeSettingsReport(
            RuntimeSettingsFile.BesideApp, Environment.GetEnvironmentVariable, sp.GetRequiredService<ILogger<RuntimeSettingsReport>>()));
        return builder;
    }
}
