using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using SlaTimers.Worker.Dashboard;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>A worker with dashboard users: an admin and a viewer, logging in with HTTP Basic.</summary>
public sealed class ProtectedDashboardFixture : IAsyncLifetime
{
    public const string Admin = "alice";
    public const string AdminPassword = "correct horse battery staple";
    public const string Viewer = "victor";
    public const string ViewerPassword = "viewer's own passphrase";

    private DashboardHost? _host;

    public DashboardHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(
        [
            $"--Dashboard:Users:0:Name={Admin}",
            $"--Dashboard:Users:0:PasswordHash={DashboardPasswordHasher.Hash(AdminPassword, DashboardPasswordHasher.MinimumIterations)}",
            "--Dashboard:Users:0:Role=admin",
            $"--Dashboard:Users:1:Name={Viewer}",
            $"--Dashboard:Users:1:PasswordHash={DashboardPasswordHasher.Hash(ViewerPassword, DashboardPasswordHasher.MinimumIterations)}",
            "--Dashboard:Users:1:Role=viewer",
        ]);
    }

    /// <summary>A timer job two hours ahead: something for the scheduled-jobs page to list (it never runs in a test).</summary>
    public string ScheduleJob() => Host.Services.GetRequiredService<IBackgroundJobClient>().Schedule<TimerJob>(
        job => job.FireAsync("scripted", "nothing", "Warn 75 % · DEMO-1 · resolution · due 12:00 UTC", null, CancellationToken.None),
        TimeSpan.FromHours(2));

    public string? StateOf(string jobId)
    {
        using var connection = Host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

/// <summary>The Basic-protected mode over real HTTP: who gets in, and what a viewer may not do.</summary>
public sealed class ProtectedDashboardTests(ProtectedDashboardFixture fixture) : IClassFixture<ProtectedDashboardFixture>
{
    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/scheduled")]
    [InlineData("/hangfire/sla/at-risk")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public async Task WithoutCredentials_EveryEndpointAsksToLogIn_EvenFromThisMachine(string path)
    {
        using var client = fixture.Host.Client();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"SlaTimers\", charset=\"UTF-8\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData(ProtectedDashboardFixture.Admin, "wrong")]
    [InlineData(ProtectedDashboardFixture.Viewer, ProtectedDashboardFixture.AdminPassword)]
    [InlineData("mallory", ProtectedDashboardFixture.AdminPassword)]
    public async Task AWrongNameOrPassword_IsAskedToLogInAgain(string name, string password)
    {
        using var client = Client(name, password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire/sla/at-risk")).StatusCode);
    }

    [Fact]
    public async Task AViewer_ReadsEveryPage_WithoutTheButtonsThatChangeJobs()
    {
        fixture.ScheduleJob();
        using var client = Client(ProtectedDashboardFixture.Viewer, ProtectedDashboardFixture.ViewerPassword);

        foreach (var path in new[] { "/hangfire", "/hangfire/sla/at-risk", "/hangfire/sla/breaches", "/hangfire/sla/compliance",
                     "/hangfire/sla/failed-notifications", "/hangfire/sla/quarantine", "/healthz", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }
        var scheduled = await client.GetStringAsync("/hangfire/jobs/scheduled");
        Assert.Contains("DEMO-1", scheduled);
        Assert.DoesNotContain("js-jobs-list-command", scheduled);
    }

    [Fact]
    public async Task AViewer_CannotPost_EvenWithAValidAntiforgeryToken()
    {
        var job = fixture.ScheduleJob();
        using var client = Client(ProtectedDashboardFixture.Viewer, ProtectedDashboardFixture.ViewerPassword);

        using var response = await PostDeleteAsync(client, job);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("viewer", await response.Content.ReadAsStringAsync());
        Assert.Equal(ScheduledState.StateName, fixture.StateOf(job));
    }

    [Fact]
    public async Task AViewer_GetsTheCountersThePagesPoll()
    {
        using var client = Client(ProtectedDashboardFixture.Viewer, ProtectedDashboardFixture.ViewerPassword);
        using var request = await WithAntiforgeryAsync(client, new HttpRequestMessage(HttpMethod.Post, "/hangfire/stats")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("metrics[]", "scheduled:count")]),
        });

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("scheduled:count", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAdmin_SeesTheButtons_AndDeletesAJob()
    {
        var job = fixture.ScheduleJob();
        using var client = Client(ProtectedDashboardFixture.Admin, ProtectedDashboardFixture.AdminPassword);

        Assert.Contains("js-jobs-list-command", await client.GetStringAsync("/hangfire/jobs/scheduled"));
        using var response = await PostDeleteAsync(client, job);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}; the host's log:\n{fixture.Host.Logs.Tail()}");
        Assert.Equal(DeletedState.StateName, fixture.StateOf(job));
    }

    /// <summary>Deletes a scheduled job as the dashboard's button does.</summary>
    private static async Task<HttpResponseMessage> PostDeleteAsync(HttpClient client, string job)
    {
        using var request = await WithAntiforgeryAsync(client, new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/scheduled/delete")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", job)]),
        });
        return await client.SendAsync(request);
    }

    /// <summary>Adds the antiforgery token of a dashboard page, as its scripts do (the cookie is in the client's container).</summary>
    private static async Task<HttpRequestMessage> WithAntiforgeryAsync(HttpClient client, HttpRequestMessage request)
    {
        var page = await client.GetStringAsync("/hangfire/jobs/scheduled");
        var header = CsrfMeta("csrf-header").Match(page).Groups[1].Value;
        var token = CsrfMeta("csrf-token").Match(page).Groups[1].Value;
        Assert.NotEmpty(header);
        request.Headers.Add(header, WebUtility.HtmlDecode(token));
        return request;
    }

    private HttpClient Client(string name, string password)
    {
        // Cookies: the antiforgery cookie travels with the token, as in a browser.
        var client = fixture.Host.Client(new HttpClientHandler { CookieContainer = new CookieContainer() });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}")));
        return client;
    }

    private static Regex CsrfMeta(string name) => new($"<meta name=\"{name}\" content=\"([^\"]*)\">");
}
