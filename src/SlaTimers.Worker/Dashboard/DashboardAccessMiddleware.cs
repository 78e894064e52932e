using System.Security.Claims;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// The gate in front of the dashboard, <c>/healthz</c> and <c>/metrics</c>: applies <see cref="DashboardAccess"/>,
/// answers 401 (with a Basic challenge) or 403 itself, and records the role of a request it lets through — for
/// Hangfire's read-only mode and <see cref="GateFilter"/>.
/// </summary>
public sealed partial class DashboardAccessMiddleware(RequestDelegate next, DashboardAccess access, ILogger<DashboardAccessMiddleware> logger)
{
    private static readonly object RoleKey = new();

    public async Task InvokeAsync(HttpContext http)
    {
        switch (access.Decide(AccessRequest.From(http)))
        {
            case AccessDecision.Granted granted:
                http.Items[RoleKey] = granted.Role;
                if (granted.User is { } user)
                {
                    http.User = new ClaimsPrincipal(new ClaimsIdentity(
                        [new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, granted.Role.ToString().ToLowerInvariant())], "Basic"));
                }
                await next(http);
                return;
            case AccessDecision.MustLogIn:
                if (http.Request.Headers.Authorization.Count > 0) LogRefusedCredentials(http.Connection.RemoteIpAddress?.ToString() ?? "?");
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = DashboardAccess.Challenge;
                return;
            case AccessDecision.Refused refused:
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(refused.Reason + "\n", http.RequestAborted);
                return;
        }
    }

    /// <summary>The role the gate gave this request; null when the gate did not run.</summary>
    public static DashboardRole? RoleOf(HttpContext http) => http.Items.TryGetValue(RoleKey, out var role) ? role as DashboardRole? : null;

    /// <summary>Hangfire's read-only mode (no retry, delete or trigger buttons) for everyone but admins.</summary>
    public static bool IsReadOnly(DashboardContext context) => RoleOf(context.GetHttpContext()) != DashboardRole.Admin;

    /// <summary>Hangfire's own check: lets a request through only when the gate ran and granted it (never open by mistake).</summary>
    public sealed class GateFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => RoleOf(context.GetHttpContext()) is not null;
    }

    // The user name a client sent is not logged either: it may be a password typed in the wrong field.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: refused credentials from {RemoteIp}.")]
    private partial void LogRefusedCredentials(string remoteIp);
}
