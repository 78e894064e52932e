using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Sync;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>One demo helpdesk in the container: its named options and its ticket source under the helpdesk's name.</summary>
internal static class DemoRegistration
{
    public static void Add(IServiceCollection services, string name, IConfigurationSection section)
    {
        services.AddOptions<DemoOptions>(name).Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>());
        services.AddKeyedTransient<ITicketSource>(name, (sp, _) =>
            new DemoTicketSource(name, OptionsOf(sp, name), sp.GetRequiredService<IClock>()));
    }

    public static DemoOptions OptionsOf(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<DemoOptions>>().Get(name);
}
