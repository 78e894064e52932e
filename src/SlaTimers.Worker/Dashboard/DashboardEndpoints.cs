using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;
using SlaTimers.Worker.Dashboard.Health;
using SlaTimers.Worker.Dashboard.Pages;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// Maps Hangfire's dashboard with the SLA pages, <c>/healthz</c> and <c>/metrics</c>, each behind the
/// <see cref="DashboardAccessMiddleware"/> gate, from the <c>Dashboard</c> section (read and checked here: an invalid
/// section stops the start).
/// </summary>
/// <remarks>
/// Everything is built from the finished host's services, so the worker needs no registration step for it. The
/// health checks therefore run in a small service provider of their own (ASP.NET Core's health-check service and
/// middleware, our checks reading the host's services), disposed when the host stops.
/// </remarks>
public static partial class DashboardEndpoints
{
    public const string HealthPath = "/healthz";
    public const string MetricsPath = "/metrics";

    /// <summary>Where Hangfire's pages poll their counters, with POST: read-only, so viewers may.</summary>
    private const string StatsPath = "/stats";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public static WebApplication MapSlaDashboard(this WebApplication app, string dashboardPath)
    {
        var settings = DashboardSettings.Read(app.Configuration);
        var clock = app.Services.GetRequiredService<IClock>();
        var started = clock.GetCurrentInstant();
        var access = new DashboardAccess(new DashboardCredentials(settings.Users, clock), dashboardPath + StatsPath);
        ReportAccess(app, settings);

        SlaPageDispatcher.RegisterPages();
        app.MapHangfireDashboard(dashboardPath, settings, access);

        var health = HealthService(app, settings, started);
        app.MapGated([HttpMethods.Get, HttpMethods.Head], HealthPath, settings.AnonymousHealthAndMetrics ? null : access, pipeline => pipeline
            .UseMiddleware<HealthCheckMiddleware>(Options.Create(new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync }), health));

        var metrics = new MetricsText(settings.Zone, started, DeliveryTiming.Digest(app.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value),
            app.Services.GetRequiredService<ILogger<MetricsText>>());
        app.MapGated([HttpMethods.Get], MetricsPath, settings.AnonymousHealthAndMetrics ? null : access, pipeline => pipeline.Run(metrics.WriteAsync));
        return app;
    }

    /// <summary>Hangfire's dashboard pipeline (as its <c>MapHangfireDashboard</c> builds it) with the gate in front.</summary>
    private static void MapHangfireDashboard(this WebApplication app, string path, DashboardSettings settings, DashboardAccess access)
    {
        var options = new SlaDashboardOptions(settings)
        {
            DashboardTitle = "SlaTimers",
            // The gate decides; this filter only makes sure it ran (a dashboard mapped without it stays closed).
            Authorization = [new DashboardAccessMiddleware.GateFilter()],
            IsReadOnlyFunc = DashboardAccessMiddleware.IsReadOnly,
            DisplayStorageConnectionString = false,
            TimeZoneResolver = app.Services.GetService<ITimeZoneResolver>(),
        };
        var pipeline = ((IEndpointRouteBuilder)app).CreateApplicationBuilder()
            .UseMiddleware<DashboardAccessMiddleware>(access)
            .UsePathBase(path)
            .UseMiddleware<AspNetCoreDashboardMiddleware>(app.Services.GetRequiredService<JobStorage>(), options,
                app.Services.GetRequiredService<global::Hangfire.Dashboard.RouteCollection>(), true)
            .Build();
        app.Map(path + "/{**path}", pipeline);
    }

    private static void MapGated(this WebApplication app, string[] methods, string path, DashboardAccess? access, Action<IApplicationBuilder> endpoint)
    {
        var pipeline = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        if (access is not null) pipeline.UseMiddleware<DashboardAccessMiddleware>(access);
        endpoint(pipeline);
        app.MapMethods(path, methods, pipeline.Build());
    }

    private static HealthCheckService HealthService(WebApplication app, DashboardSettings settings, Instant started)
    {
        var host = app.Services;
        var services = new ServiceCollection()
            .AddSingleton(host.GetRequiredService<ILoggerFactory>())
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration(StorageHealthCheck.Name,
                _ => new StorageHealthCheck(host.GetRequiredService<ISlaQueries>(), host.GetRequiredService<IClock>(), settings.Zone),
                HealthStatus.Unhealthy, null, CheckTimeout))
            .Add(new HealthCheckRegistration(HelpdesksHealthCheck.Name,
                _ => new HelpdesksHealthCheck(host.GetRequiredService<ISlaQueries>(), host.GetRequiredService<ITicketSourceRegistry>(), host.GetRequiredService<IClock>(), started),
                HealthStatus.Unhealthy, null, CheckTimeout))
            .Add(new HealthCheckRegistration(TimersHealthCheck.Name,
                _ => new TimersHealthCheck(host.GetRequiredService<ISlaQueries>(), host.GetRequiredService<IClock>(),
                    Duration.FromTimeSpan(host.GetRequiredService<IOptions<TimerOptions>>().Value.LateAfter)),
                HealthStatus.Unhealthy, null, CheckTimeout))
            .Add(new HealthCheckRegistration(DeliveriesHealthCheck.Name,
                _ =>
                {
                    var delivery = host.GetRequiredService<IOptions<DeliveryOptions>>().Value;
                    return new DeliveriesHealthCheck(host.GetRequiredService<ISlaQueries>(), host.GetRequiredService<IClock>(),
                        Duration.FromTimeSpan(delivery.LateAfter), DeliveryTiming.Digest(delivery));
                },
                HealthStatus.Unhealthy, null, CheckTimeout));
        var provider = services.BuildServiceProvider();
        app.Lifetime.ApplicationStopped.Register(provider.Dispose);
        return provider.GetRequiredService<HealthCheckService>();
    }

    /// <summary>Says at start who may see the dashboard, and warns when Basic passwords would cross the network unencrypted.</summary>
    private static void ReportAccess(WebApplication app, DashboardSettings settings)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpoints).FullName!);
        if (settings.Users.Count == 0)
        {
            LogLocalOnly(logger);
            return;
        }
        LogUsers(logger, settings.Users.Count, settings.Users.Count(u => DashboardRoles.Parse(u.Role) == DashboardRole.Admin));
        var urls = (app.Configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls.Where(IsPlainHttpBeyondLoopback)) LogPlainHttp(logger, url);
    }

    private static bool IsPlainHttpBeyondLoopback(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        && !(Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
             && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard, /healthz and /metrics: local requests only (Dashboard:Users configures remote logins).")]
    private static partial void LogLocalOnly(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard, /healthz and /metrics: {Users} user(s), {Admins} of them admin, log in with HTTP Basic.")]
    private static partial void LogUsers(ILogger logger, int users, int admins);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Dashboard: {Url} is plain HTTP beyond this machine, so Basic passwords cross the network readable. Serve HTTPS (Kestrel certificate) or put a TLS proxy in front.")]
    private static partial void LogPlainHttp(ILogger logger, string url);
}
