using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Worker.Dashboard;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>Who gets in: local versus remote requests, viewers versus admins, and bad credentials.</summary>
public sealed class DashboardAccessTests
{
    private const string AdminPassword = "s3cret admin pass";
    private const string ViewerPassword = "viewer pass phrase";

    private static readonly string AdminHash = DashboardPasswordHasher.Hash(AdminPassword, DashboardPasswordHasher.MinimumIterations);
    private static readonly string ViewerHash = DashboardPasswordHasher.Hash(ViewerPassword, DashboardPasswordHasher.MinimumIterations);

    private static readonly IPAddress Server = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.0.0.5")] // the server's own address
    public void WithoutUsers_ALocalRequest_IsGrantedEverything(string remote)
    {
        var decision = Open().Decide(Request(IPAddress.Parse(remote)));

        Assert.Equal(new AccessDecision.Granted(DashboardRole.Admin, null), decision);
    }

    [Fact]
    public void WithoutUsers_ARemoteRequest_IsRefused_CredentialsOrNot()
    {
        Assert.IsType<AccessDecision.Refused>(Open().Decide(Request(Remote)));
        Assert.IsType<AccessDecision.Refused>(Open().Decide(Request(Remote, authorization: Basic("alice", AdminPassword))));
        Assert.IsType<AccessDecision.Refused>(Open().Decide(Request(null)));
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public void WithoutUsers_ALoopbackConnectionFromAProxy_IsRemote(string header, string value)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Connection.LocalIpAddress = IPAddress.Loopback;
        http.Request.Method = HttpMethods.Get;
        http.Request.Headers[header] = value;

        var request = AccessRequest.From(http);

        Assert.False(request.IsLocal);
        Assert.IsType<AccessDecision.Refused>(Open().Decide(request));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("203.0.113.7")]
    public void WithUsers_ARequestWithoutCredentials_MustLogIn_LocalOrNot(string remote)
    {
        Assert.IsType<AccessDecision.MustLogIn>(Protected().Decide(Request(IPAddress.Parse(remote))));
    }

    [Fact]
    public void WithUsers_TheRightPassword_GivesTheUsersRole_FromAnywhere()
    {
        var access = Protected();

        Assert.Equal(new AccessDecision.Granted(DashboardRole.Admin, "alice"), access.Decide(Request(Remote, "POST", Basic("alice", AdminPassword))));
        Assert.Equal(new AccessDecision.Granted(DashboardRole.Viewer, "victor"), access.Decide(Request(Remote, "GET", Basic("victor", ViewerPassword))));
        Assert.Equal(new AccessDecision.Granted(DashboardRole.Viewer, "victor"), access.Decide(Request(IPAddress.Loopback, "HEAD", Basic("victor", ViewerPassword))));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void AViewer_CannotChangeAnything(string method)
    {
        var decision = Protected().Decide(Request(Remote, method, Basic("victor", ViewerPassword)));

        Assert.Contains("viewer", Assert.IsType<AccessDecision.Refused>(decision).Reason);
    }

    [Theory]
    [InlineData("/hangfire/stats")]
    [InlineData("/Hangfire/Stats/")]
    public void AViewer_MayPostToTheStatisticsPoll_WhichOnlyReads(string path)
    {
        var decision = Protected().Decide(Request(Remote, "POST", Basic("victor", ViewerPassword), path));

        Assert.Equal(new AccessDecision.Granted(DashboardRole.Viewer, "victor"), decision);
        Assert.IsType<AccessDecision.Refused>(Protected().Decide(Request(Remote, "POST", Basic("victor", ViewerPassword), "/hangfire/stats/x")));
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("alice", "")]
    [InlineData("Alice", AdminPassword)] // names are exact
    [InlineData("victor", AdminPassword)]
    [InlineData("mallory", AdminPassword)]
    public void ABadNameOrPassword_MustLogIn(string name, string password)
    {
        Assert.IsType<AccessDecision.MustLogIn>(Protected().Decide(Request(Remote, authorization: Basic(name, password))));
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic YWxpY2U=")] // "alice", no colon
    [InlineData("Basic OnMzY3JldCBhZG1pbiBwYXNz")] // ":s3cret admin pass", no name
    public void AMalformedAuthorizationHeader_MustLogIn(string authorization)
    {
        Assert.IsType<AccessDecision.MustLogIn>(Protected().Decide(Request(Remote, authorization: authorization)));
    }

    [Fact]
    public void APasswordWithAColonAndNonAsciiCharacters_IsReadWhole()
    {
        const string password = "pä:ss wörd:";
        var access = new DashboardAccess(new DashboardCredentials(
            [new DashboardUserSettings { Name = "zoë", PasswordHash = DashboardPasswordHasher.Hash(password, DashboardPasswordHasher.MinimumIterations), Role = "viewer" }],
            new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0))));

        Assert.IsType<AccessDecision.Granted>(access.Decide(Request(Remote, authorization: Basic("zoë", password))));
    }

    [Fact]
    public void AnAspNetCoreIdentityHash_IsAccepted()
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), AdminPassword);
        var access = new DashboardAccess(new DashboardCredentials(
            [new DashboardUserSettings { Name = "ida", PasswordHash = hash, Role = "admin" }], new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0))));

        Assert.Equal(new AccessDecision.Granted(DashboardRole.Admin, "ida"), access.Decide(Request(Remote, authorization: Basic("ida", AdminPassword))));
        Assert.IsType<AccessDecision.MustLogIn>(access.Decide(Request(Remote, authorization: Basic("ida", "nope"))));
    }

    [Fact]
    public void RememberedCredentials_AreCheckedAgainAfterFiveMinutes_AndOtherCredentialsNever()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0));
        var credentials = Credentials(clock);

        Assert.NotNull(credentials.Check(Basic("alice", AdminPassword)));
        clock.Advance(DashboardCredentials.Remember + Duration.FromSeconds(1));
        Assert.NotNull(credentials.Check(Basic("alice", AdminPassword)));
        Assert.Null(credentials.Check(Basic("alice", AdminPassword + " ")));
        Assert.Null(credentials.Check(Basic("victor", AdminPassword)));
    }

    private static DashboardAccess Open() => new(new DashboardCredentials([], new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0))));

    private static DashboardAccess Protected() => new(Credentials(new FakeClock(Instant.FromUtc(2026, 11, 26, 12, 0))), "/hangfire/stats");

    private static DashboardCredentials Credentials(IClock clock) => new(
    [
        new DashboardUserSettings { Name = "alice", PasswordHash = AdminHash, Role = "admin" },
        new DashboardUserSettings { Name = "victor", PasswordHash = ViewerHash, Role = "Viewer" },
    ], clock);

    private static AccessRequest Request(IPAddress? remote, string method = "GET", string? authorization = null, string path = "/hangfire/jobs/scheduled") =>
        new(remote, Server, Forwarded: false, method, path, authorization);

    private static string Basic(string name, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}"));
}
