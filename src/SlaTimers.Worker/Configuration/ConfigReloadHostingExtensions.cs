using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SlaTimers.Worker.Configuration;

public static class ConfigReloadHostingExtensions
{
    /// <summary>Reloads the config folder on change (<c>ConfigReload</c> section) and re-evaluates open tickets after a valid change.</summary>
    public static IHostApplicationBuilder AddConfigReload(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfigReloadOptions>()
            .BindConfiguration(ConfigReloadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddTransient<ReevaluateOpenTicketsJob>();
        builder.Services.AddSingleton<ConfigurationWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigurationWatcher>());
        return builder;
    }
}
