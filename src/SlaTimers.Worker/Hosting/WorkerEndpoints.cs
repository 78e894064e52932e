using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SlaTimers.Worker.Hosting;

/// <summary>The worker's HTTP endpoints. The dashboard work adds its pages, health and metrics here (from a <c>Dashboard/</c> folder).</summary>
public static class WorkerEndpoints
{
    public const string DashboardPath = "/hangfire";

    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        app.MapHangfireDashboard(app, DashboardPath);
        return app;
    }

    /// <summary>
    /// Hangfire's dashboard at <paramref name="path"/>: local requests only (until configured authentication comes),
    /// and never the storage connection string.
    /// </summary>
    public static IEndpointConventionBuilder MapHangfireDashboard(this IEndpointRouteBuilder endpoints, WebApplication app, string path) =>
        endpoints.MapHangfireDashboard(path, new DashboardOptions
        {
            DashboardTitle = "SlaTimers",
            Authorization = [new LocalRequestsOnlyAuthorizationFilter()],
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
}
