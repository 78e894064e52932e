using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Worker.Dashboard;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>The gate's answers on the wire: the challenge, the refusal, and the role it records for Hangfire.</summary>
public sealed class DashboardAccessMiddlewareTests
{
    private static readonly string Hash = DashboardPasswordHasher.Hash("pw-of-victor", DashboardPasswordHasher.MinimumIterations);

    [Fact]
    public async Task MustLogIn_Answers401WithABasicChallenge_AndGoesNoFurther()
    {
        var (http, reached) = await RunAsync(Protected(), Context(IPAddress.Loopback));

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status401Unauthorized, http.Response.StatusCode);
        Assert.Equal("Basic realm=\"SlaTimers\", charset=\"UTF-8\"", http.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task Refused_Answers403WithTheReason()
    {
        var (http, reached) = await RunAsync(Open(), Context(IPAddress.Parse("198.51.100.1")));

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        Assert.Contains("local requests only", await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task AViewer_GoesOn_ReadOnly_AsAnAuthenticatedUser()
    {
        var http = Context(IPAddress.Parse("198.51.100.1"), "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("victor:pw-of-victor")));

        var (_, reached) = await RunAsync(Protected(), http);

        Assert.True(reached);
        Assert.Equal(DashboardRole.Viewer, DashboardAccessMiddleware.RoleOf(http));
        Assert.Equal(("victor", true), (http.User.Identity?.Name, http.User.Identity?.IsAuthenticated == true));
        Assert.True(http.User.IsInRole("viewer"));
    }

    [Fact]
    public async Task ALocalRequestWithoutUsers_GoesOn_AsAdmin()
    {
        var http = Context(IPAddress.IPv6Loopback);

        var (_, reached) = await RunAsync(Open(), http);

        Assert.True(reached);
        Assert.Equal(DashboardRole.Admin, DashboardAccessMiddleware.RoleOf(http));
        Assert.Null(DashboardAccessMiddleware.RoleOf(new DefaultHttpContext())); // the gate did not run: Hangfire's filter refuses
    }

    private static async Task<(HttpContext Http, bool Reached)> RunAsync(DashboardAccess access, HttpContext http)
    {
        var reached = false;
        var gate = new DashboardAccessMiddleware(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        }, access, NullLogger<DashboardAccessMiddleware>.Instance);
        await gate.InvokeAsync(http);
        return (http, reached);
    }

    private static DefaultHttpContext Context(IPAddress remote, string? authorization = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote;
        http.Connection.LocalIpAddress = IPAddress.Parse("10.0.0.5");
        http.Request.Method = HttpMethods.Get;
        http.Response.Body = new MemoryStream();
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        return http;
    }

    private static DashboardAccess Open() => new(new DashboardCredentials([], new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0))));

    private static DashboardAccess Protected() => new(new DashboardCredentials(
        [new DashboardUserSettings { Name = "victor", PasswordHash = Hash, Role = "viewer" }], new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0))));
}
