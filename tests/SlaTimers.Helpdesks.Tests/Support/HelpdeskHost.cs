using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace SlaTimers.Helpdesks.Tests.Support;

/// <summary>The real registration (<see cref="HelpdesksHostingExtensions.AddHelpdesks"/>) in a host, on a fake clock.</summary>
public sealed class HelpdeskHost : IAsyncDisposable
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 9, 0);

    private HelpdeskHost(IHost host, FakeClock clock)
    {
        Host = host;
        Clock = clock;
    }

    public IHost Host { get; }
    public FakeClock Clock { get; }
    public ITicketSourceRegistry Registry => Host.Services.GetRequiredService<ITicketSourceRegistry>();

    /// <summary>Builds and starts the host (so start-time validation runs) with these settings.</summary>
    public static async Task<HelpdeskHost> StartAsync(IDictionary<string, string?> settings, Instant? now = null)
    {
        var host = Build(settings, now ?? Now, out var clock);
        await host.StartAsync();
        return new HelpdeskHost(host, clock);
    }

    public static IHost Build(IDictionary<string, string?> settings, Instant now, out FakeClock clock)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        var fakeClock = new FakeClock(now);
        builder.Services.AddSingleton<IClock>(fakeClock);
        builder.Services.AddLogging(logging => logging.ClearProviders());
        builder.AddHelpdesks();
        clock = fakeClock;
        return builder.Build();
    }

    /// <summary>The settings of one Zendesk helpdesk named "zd" against <paramref name="baseUrl"/>, with fast retries.</summary>
    public static Dictionary<string, string?> Zendesk(Uri baseUrl, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Helpdesks:zd:Type"] = "zendesk",
            ["Helpdesks:zd:BaseUrl"] = baseUrl.ToString(),
            ["Helpdesks:zd:Email"] = "agent@example.com",
            ["Helpdesks:zd:ApiToken"] = "s3cr3t-token",
            ["Helpdesks:zd:StartTime"] = "2026-11-01T00:00:00Z",
            ["Helpdesks:zd:RetryDelay"] = "00:00:00.010",
            ["Helpdesks:zd:PriorityMap:urgent"] = "P1",
            ["Helpdesks:zd:PriorityMap:high"] = "P2",
            ["Helpdesks:zd:PriorityMap:normal"] = "P3",
            ["Helpdesks:zd:PriorityMap:low"] = "P4",
        };
        foreach (var (key, value) in extra) settings[$"Helpdesks:zd:{key}"] = value;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
