using System.Net;
using Microsoft.AspNetCore.Http;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// Who may see the dashboard, <c>/healthz</c> and <c>/metrics</c>:
/// <list type="bullet">
/// <item>No users configured: local requests only (from a loopback address or the server's own address, and not
/// forwarded by a proxy), with every right; everything else is refused.</item>
/// <item>Users configured: every request logs in with HTTP Basic, local ones too — a reverse proxy that terminates
/// TLS on the same machine makes every request look local. A viewer reads (GET, HEAD) and cannot POST.</item>
/// </list>
/// Basic sends the password with each request: serve it over HTTPS (Kestrel certificate or a TLS proxy in front).
/// </summary>
/// <param name="readOnlyPosts">
/// Paths a viewer may POST to because they only read: Hangfire's dashboard polls its <c>/stats</c> with POST.
/// </param>
public sealed class DashboardAccess(DashboardCredentials credentials, params string[] readOnlyPosts)
{
    public const string Realm = "SlaTimers";

    /// <summary>The <c>WWW-Authenticate</c> challenge of a request that must log in.</summary>
    public const string Challenge = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";

    /// <summary>Headers a proxy adds: such a request came from elsewhere, whatever the connection's address.</summary>
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    public AccessDecision Decide(AccessRequest request)
    {
        if (!credentials.Any)
        {
            return request.IsLocal
                ? new AccessDecision.Granted(DashboardRole.Admin, null)
                : new AccessDecision.Refused("The dashboard answers local requests only; configure Dashboard:Users for remote access.");
        }
        if (credentials.Check(request.Authorization) is not { } user) return new AccessDecision.MustLogIn();
        if (user.Role == DashboardRole.Viewer && !ReadsOnly(request))
        {
            return new AccessDecision.Refused($"'{user.Name}' is a viewer: the dashboard is read-only for viewers.");
        }
        return new AccessDecision.Granted(user.Role, user.Name);
    }

    private bool ReadsOnly(AccessRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (HttpMethods.IsPost(request.Method) && readOnlyPosts.Contains(request.Path.TrimEnd('/'), StringComparer.OrdinalIgnoreCase));

    internal static bool IsForwarded(IHeaderDictionary headers) => ForwardingHeaders.Any(headers.ContainsKey);
}

/// <summary>What the access decision needs of a request.</summary>
/// <param name="Forwarded">A proxy header is present (X-Forwarded-For, Forwarded, X-Real-IP).</param>
/// <param name="Path">The whole path, e.g. <c>/hangfire/stats</c>.</param>
/// <param name="Authorization">The <c>Authorization</c> header, if any.</param>
public sealed record AccessRequest(IPAddress? RemoteIp, IPAddress? LocalIp, bool Forwarded, string Method, string Path, string? Authorization)
{
    /// <summary>As Hangfire's <c>LocalRequestsOnlyAuthorizationFilter</c>, and never through a proxy.</summary>
    public bool IsLocal => !Forwarded && RemoteIp is { } remote && (IPAddress.IsLoopback(remote) || remote.Equals(LocalIp));

    public static AccessRequest From(HttpContext http) => new(
        http.Connection.RemoteIpAddress,
        http.Connection.LocalIpAddress,
        DashboardAccess.IsForwarded(http.Request.Headers),
        http.Request.Method,
        (http.Request.PathBase + http.Request.Path).Value ?? "/",
        http.Request.Headers.Authorization is { Count: > 0 } authorization ? authorization.ToString() : null);
}

/// <summary>The answer to a request: go on with a role, log in first (401), or no (403).</summary>
public abstract record AccessDecision
{
    private AccessDecision()
    {
    }

    /// <param name="User">The logged-in user; null for a local request without users configured.</param>
    public sealed record Granted(DashboardRole Role, string? User) : AccessDecision;

    public sealed record MustLogIn : AccessDecision;

    public sealed record Refused(string Reason) : AccessDecision;
}
