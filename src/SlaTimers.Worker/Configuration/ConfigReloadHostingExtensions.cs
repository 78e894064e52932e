using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Configuration;

public static class ConfigReloadHostingExtensions
{
    /// <summary>
    /// Reloads the config folder on change (<c>ConfigReload</c> section) and re-evaluates open tickets after a valid
    /// change — and at start, when the folder is not the one they were last evaluated with.
    /// </summary>
    public static IHostApplicationBuilder AddConfigReload(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfigReloadOptions>()
            .BindConfiguration(ConfigReloadOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConfigReloadOptions>, ConfigReloadOptionsValidator>();
        builder.Services.AddTransient<ReevaluateOpenTicketsJob>();
        // Whether reloads are watched or not: a folder changed while the worker was stopped is re-evaluated at start.
        builder.Services.AddSingleton<IEvaluatedConfiguration, HangfireEvaluatedConfiguration>();
        builder.Services.AddSingleton<ConfigurationChangeCheck>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigurationChangeCheck>());
        builder.Services.AddSingleton<ConfigurationWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigurationWatcher>());
        return builder;
    }
}
