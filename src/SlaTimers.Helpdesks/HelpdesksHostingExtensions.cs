using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Helpdesks.Demo;
using SlaTimers.Helpdesks.Zendesk;

namespace SlaTimers.Helpdesks;

public static class HelpdesksHostingExtensions
{
    /// <summary>
    /// Registers every helpdesk configured under <c>Helpdesks:&lt;name&gt;</c> (by its <c>Type</c>: <c>demo</c> or
    /// <c>zendesk</c>) and the <see cref="ITicketSourceRegistry"/> the worker schedules its sync jobs from. The
    /// configuration is validated when the host starts; every problem names its <c>Helpdesks:&lt;name&gt;:&lt;key&gt;</c>.
    /// Needs an <see cref="NodaTime.IClock"/> in the container (the composition root registers the system clock).
    /// </summary>
    public static IHostApplicationBuilder AddHelpdesks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var catalog = new HelpdeskCatalog();
        foreach (var section in builder.Configuration.GetSection(HelpdeskOptions.SectionName).GetChildren())
        {
            var name = section.Key;
            var type = section[nameof(HelpdeskOptions.Type)]?.Trim();
            if (string.Equals(type, HelpdeskTypes.Demo, StringComparison.OrdinalIgnoreCase))
            {
                DemoRegistration.Add(services, name, section);
                catalog.Add(name, HelpdeskTypes.Demo, sp => DemoRegistration.OptionsOf(sp, name));
                catalog.CheckKeys<DemoOptions>(section, HelpdeskTypes.Demo);
            }
            else if (string.Equals(type, HelpdeskTypes.Zendesk, StringComparison.OrdinalIgnoreCase))
            {
                ZendeskRegistration.Add(services, name, section);
                catalog.Add(name, HelpdeskTypes.Zendesk, sp => ZendeskRegistration.OptionsOf(sp, name));
                catalog.CheckKeys<ZendeskOptions>(section, HelpdeskTypes.Zendesk);
            }
            else
            {
                catalog.Problem(string.IsNullOrEmpty(type)
                    ? $"{HelpdeskOptions.PathOf(name, nameof(HelpdeskOptions.Type))} is required: one of {string.Join(", ", HelpdeskTypes.All)}."
                    : $"{HelpdeskOptions.PathOf(name, nameof(HelpdeskOptions.Type))} '{type}' is not a helpdesk type: expected one of {string.Join(", ", HelpdeskTypes.All)}.");
            }
        }

        services.AddSingleton(catalog);
        services.AddSingleton<ITicketSourceRegistry, TicketSourceRegistry>();
        services.AddOptions<HelpdeskCatalog.Check>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HelpdeskCatalog.Check>>(sp => new HelpdeskCatalog.Validator(sp.GetRequiredService<HelpdeskCatalog>()));
        return builder;
    }
}
