using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Hosting;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Tests.Integration;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>
/// A real worker host for the dashboard tests: Kestrel on a free port of 127.0.0.1, SQLite in a temp folder, the
/// scripted helpdesk, and an agreement whose timers lie hours ahead (they wait on the dashboard while tests look).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string AgreementId = "dash-sla";

    /// <summary>One agreement on 24x7: resolution within 8 hours for every priority, a warning at 75 % (6 hours in).</summary>
    public const string Agreement = """
        {
          "id": "dash-sla",
          "name": "Dashboard <SLA>",
          "kind": "external",
          "priorities": ["high", "low"],
          "policies": [
            { "id": "all", "name": "All tickets", "when": {},
              "targets": { "resolution": { "calendar": "24x7", "budget": { "high": "8h", "low": "8h" },
                "checkpoints": [ { "at": "75%", "notify": ["assignee"] } ] } } }
          ]
        }
        """;

    private readonly TempFolder _config = new();
    private readonly TempFolder _root = new();
    private WebApplication? _app;

    public TestHelpdesk Helpdesk { get; } = new();

    /// <summary>What the host logged lately (warnings and errors), for assertion messages.</summary>
    public RecentLogLines Logs { get; } = new();

    public WebApplication App => _app ?? throw new InvalidOperationException("The host did not start.");

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <param name="args">Host settings (<c>--Dashboard:Users:0:Name=…</c>).</param>
    /// <param name="services">Replaces services after the worker's own registrations.</param>
    public static async Task<DashboardHost> StartAsync(IEnumerable<string>? args = null, Action<IServiceCollection>? services = null, IClock? clock = null)
    {
        var host = new DashboardHost();
        host._config.Write("agreements/dash-sla.json", Agreement);
        host._config.Write("recipients.json", WorkerConfig.Recipients);
        string[] all =
        [
            "--urls=http://127.0.0.1:0",
            "--Storage:Provider=sqlite",
            "--ConnectionStrings:Sqlite=Data Source=data/slatimers.db",
            "--Channels:pickup:Directory=outbox",
            "--ConfigReload:Enabled=false",
            // The timers lie 6 hours ahead: within the horizon, so their jobs wait on the dashboard's Scheduled page.
            "--Timers:Horizon=1.00:00:00",
            "--Logging:LogLevel:Default=Warning",
            .. args ?? [],
        ];
        var builder = WorkerHost.CreateBuilder(new WorkerHostSettings(all, host._root.Path, host._config.Path, clock ?? SystemClock.Instance));
        builder.Services.AddSingleton<ITicketSourceRegistry>(host.Helpdesk);
        builder.Logging.AddProvider(host.Logs);
        services?.Invoke(builder.Services);
        host._app = builder.Build();
        host._app.MapWorkerEndpoints();
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    public string Url(string path) => new Uri(BaseAddress, path.TrimStart('/')).AbsoluteUri;

    public HttpClient Client(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler(), disposeHandler: true) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>One run of the sync job for the scripted helpdesk, as Hangfire would run it (timers included).</summary>
    public async Task SyncAsync()
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SyncJob>().RunAsync(TestHelpdesk.SourceName, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        _config.Dispose();
        _root.Dispose();
    }
}
