using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlaTimers.Configuration;
using SlaTimers.Core.Calendars;
using SlaTimers.Worker.Configuration;

namespace SlaTimers.Worker.Hosting;

public static class SlaConfigurationHostingExtensions
{
    /// <summary>
    /// Loads and validates the config folder while the host is being built, so a host with a broken
    /// configuration never starts; registers the live <see cref="SlaConfigurationHolder"/>, and logs at start
    /// what was loaded. <see cref="SlaConfiguration"/> and its calendar catalog resolve to the current
    /// configuration at the moment they are asked for: long-lived services read the holder instead.
    /// </summary>
    /// <exception cref="ConfigurationInvalidException">The folder has problems; <see cref="ConfigurationInvalidException.Problems"/> lists them.</exception>
    public static IHostApplicationBuilder AddSlaConfiguration(this IHostApplicationBuilder builder, string configDirectory)
    {
        var configuration = Configuration.WorkerConfigLoader.Load(configDirectory).GetOrThrow();
        builder.Services.AddSingleton(new SlaConfigurationHolder(configuration, ConfigurationFingerprint.Of(configuration.Directory)));
        builder.Services.AddTransient<SlaConfiguration>(sp => sp.GetRequiredService<SlaConfigurationHolder>().Current);
        builder.Services.AddTransient<BusinessCalendarCatalog>(sp => sp.GetRequiredService<SlaConfigurationHolder>().Current.Calendars);
        builder.Services.AddHostedService<LoadedConfigurationReport>();
        return builder;
    }
}
