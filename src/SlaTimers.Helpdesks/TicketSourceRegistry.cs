using Microsoft.Extensions.DependencyInjection;
using SlaTimers.Core.Sync;

namespace SlaTimers.Helpdesks;

internal sealed class TicketSourceRegistry(IServiceProvider services, HelpdeskCatalog catalog) : ITicketSourceRegistry
{
    public IReadOnlyList<HelpdeskDescriptor> Helpdesks =>
        [.. catalog.Entries.Select(e => new HelpdeskDescriptor(e.Name, e.Type, e.Options(services).PollInterval))];

    public ITicketSource Get(string name)
    {
        var entry = catalog.Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new KeyNotFoundException(
                        $"No helpdesk '{name}' is configured under {HelpdeskOptions.SectionName} " +
                        $"(configured: {(catalog.Entries.Count == 0 ? "none" : string.Join(", ", catalog.Entries.Select(e => e.Name)))}).");
        return services.GetRequiredKeyedService<ITicketSource>(entry.Name);
    }
}
