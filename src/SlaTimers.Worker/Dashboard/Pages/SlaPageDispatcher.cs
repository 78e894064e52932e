using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Storage;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Dashboard.Pages;

/// <summary>Hangfire's dashboard options with ours beside them: one instance per mapped dashboard.</summary>
public sealed class SlaDashboardOptions(DashboardSettings settings) : DashboardOptions
{
    public DashboardSettings Settings { get; } = settings;
}

/// <summary>What a page's loader gets: the request, this host's services and settings, and now in the display zone.</summary>
public sealed record PageRequest(DashboardContext Context, IServiceProvider Services, DashboardSettings Settings, DashboardTime Time, CancellationToken Cancellation)
{
    public string? Query(string key) => Context.Request.GetQuery(key);

    public ISlaQueries Queries => Services.GetRequiredService<ISlaQueries>();

    public SlaConfiguration Configuration => Services.GetRequiredService<SlaConfigurationHolder>().Current;

    /// <summary><c>Timers:LateAfter</c>: how long a timer may wait past its instant before the worker counts itself behind.</summary>
    public Duration TimersLateAfter => Duration.FromTimeSpan(Services.GetRequiredService<IOptions<TimerOptions>>().Value.LateAfter);

    /// <summary>The <c>Delivery</c> options: how long a notification may wait (<c>LateAfter</c>), and the digest's kind, whose window is no lateness.</summary>
    public DeliveryOptions Delivery => Services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

    /// <summary>The agreement's name as configured, else its id (a clock may outlive its agreement's configuration).</summary>
    public string AgreementName(string id) => Configuration.Agreements.FirstOrDefault(a => a.Id == id)?.Name ?? id;
}

/// <summary>
/// Serves an SLA page: loads its data asynchronously from this request's services, then lets Hangfire render it
/// in its layout. The services come from the request, so each host in a process (tests start several) shows its own.
/// </summary>
public sealed class SlaPageDispatcher(Func<PageRequest, Task<SlaPage>> load) : IDashboardDispatcher
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public async Task Dispatch(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var settings = (context.Options as SlaDashboardOptions)?.Settings
            ?? throw new InvalidOperationException("The SLA pages need the dashboard mapped by WorkerEndpoints (SlaDashboardOptions).");
        var services = http.RequestServices;
        var time = new DashboardTime(settings.Zone, services.GetRequiredService<IClock>().GetCurrentInstant());
        var page = await load(new PageRequest(context, services, settings, time, http.RequestAborted));
        await Renderer(page).Dispatch(context);
    }

    /// <summary>Hangfire hands a page its context (URLs, layout, statistics) only in its own page dispatcher, which AddRazorPage makes.</summary>
    private static IDashboardDispatcher Renderer(RazorPage page)
    {
        var routes = new RouteCollection();
        routes.AddRazorPage("/", _ => page);
        return routes.FindDispatcher("/").Item1;
    }

    /// <summary>
    /// Adds the SLA pages to Hangfire's routes and an "SLA" item to its navigation bar. Both are process-wide lists
    /// in Hangfire, so this runs once per process, whichever host comes first.
    /// </summary>
    public static void RegisterPages()
    {
        lock (Gate)
        {
            if (_registered) return;
            DashboardRoutes.Routes.Add("/sla", new SlaPageDispatcher(AtRiskPage.LoadAsync));
            DashboardRoutes.Routes.Add(AtRiskPage.Path, new SlaPageDispatcher(AtRiskPage.LoadAsync));
            DashboardRoutes.Routes.Add(BreachesPage.Path, new SlaPageDispatcher(BreachesPage.LoadAsync));
            DashboardRoutes.Routes.Add(CompliancePage.Path, new SlaPageDispatcher(CompliancePage.LoadAsync));
            DashboardRoutes.Routes.Add(FailedNotificationsPage.Path, new SlaPageDispatcher(FailedNotificationsPage.LoadAsync));
            DashboardRoutes.Routes.Add(QuarantinePage.Path, new SlaPageDispatcher(QuarantinePage.LoadAsync));
            NavigationMenu.Items.Add(page => new MenuItem("SLA", page.Url.To(AtRiskPage.Path))
            {
                Active = page.RequestPath.StartsWith("/sla", StringComparison.OrdinalIgnoreCase),
            });
            _registered = true;
        }
    }
}
