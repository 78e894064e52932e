using Microsoft.AspNetCore.Builder;
using SlaTimers.Worker.Dashboard;

namespace SlaTimers.Worker.Hosting;

/// <summary>
/// The worker's HTTP endpoints: Hangfire's dashboard with the SLA pages at <see cref="DashboardPath"/>,
/// <c>/healthz</c> and <c>/metrics</c> — local requests only, unless <c>Dashboard:Users</c> configures logins
/// (see <see cref="DashboardEndpoints"/> and <see cref="DashboardAccess"/>).
/// </summary>
public static class WorkerEndpoints
{
    public const string DashboardPath = "/hangfire";

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The <c>Dashboard</c> section has problems.</exception>
    public static WebApplication MapWorkerEndpoints(this WebApplication app) => app.MapSlaDashboard(DashboardPath);
}
