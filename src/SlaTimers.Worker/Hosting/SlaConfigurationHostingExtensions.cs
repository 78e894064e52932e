using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlaTimers.Configuration;

namespace SlaTimers.Worker.Hosting;

public static class SlaConfigurationHostingExtensions
{
    /// <summary>
    /// Loads and validates the config folder while the host is being built, so a host with a broken
    /// configuration never starts; registers the configuration and its calendar catalog, and logs at start
    /// what was loaded.
    /// </summary>
    /// <exception cref="ConfigurationInvalidException">The folder has problems; <see cref="ConfigurationInvalidException.Problems"/> lists them.</exception>
    public static IHostApplicationBuilder AddSlaConfiguration(this IHostApplicationBuilder builder, string configDirectory)
    {
        var configuration = SlaConfigurationLoader.Load(configDirectory).GetOrThrow();
        builder.Services.AddSingleton(configuration);
        builder.Services.AddSingleton(configuration.Calendars);
        builder.Services.AddHostedService<LoadedConfigurationReport>();
        return builder;
    }
}
