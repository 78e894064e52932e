using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Tests.Messages;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests.Smtp;

public sealed class SmtpOAuthTests : IAsyncLifetime
{
    private const string Token = "stub-exchange-token";
    private StubHttpServer _entra = null!;
    private XOAuth2SmtpServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _entra = await StubHttpServer.StartAsync();
        _entra.Respond = (_, response) =>
        {
            response.ContentType = "application/json";
            return response.WriteAsync($$"""{"token_type":"Bearer","expires_in":3599,"access_token":"{{Token}}"}""");
        };
        _smtp = new XOAuth2SmtpServer(Token);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private SmtpChannel Channel() => new(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1", Port = _smtp.Port, Security = SmtpSecurity.None, AllowCredentialsWithoutTls = true,
        From = "SlaTimers <sla@example.nl>", TenantId = "tenant-1", ClientId = "client-1", ClientSecret = "very-secret",
        AuthorityHost = _entra.BaseAddress, Timeout = TimeSpan.FromSeconds(10),
    }), Http.Factory, TimeProvider.System, NullLogger<SmtpChannel>.Instance);

    [Fact]
    public async Task Exchange_style_oauth2_gets_a_client_credentials_token_and_authenticates_with_xoauth2()
    {
        await using var channel = Channel();
        await channel.SendAsync(DefaultMessageComposer.Compose(Samples.Warning()), CancellationToken.None);
        await channel.SendAsync(DefaultMessageComposer.Compose(Samples.Warning("second")), CancellationToken.None);

        var request = Assert.Single(_entra.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/tenant-1/oauth2/v2.0/token", request.Path);
        var form = System.Web.HttpUtility.ParseQueryString(request.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("https://outlook.office365.com/.default", form["scope"]);
        Assert.Equal("client-1", form["client_id"]);
        Assert.Equal("very-secret", form["client_secret"]);

        Assert.Equal(["sla@example.nl"], _smtp.AuthenticatedUsers);
        Assert.Equal(2, _smtp.Received.Count);
        Assert.Equal(1, _smtp.Sessions);
    }

    [Fact]
    public async Task A_dropped_connection_is_opened_again_and_authenticated_with_the_cached_token()
    {
        await using var channel = Channel();
        await channel.SendAsync(DefaultMessageComposer.Compose(Samples.Warning()), CancellationToken.None);
        _smtp.DropConnections();
        await Task.Delay(50);

        await channel.SendAsync(DefaultMessageComposer.Compose(Samples.Warning("after the drop")), CancellationToken.None);

        Assert.Equal(2, _smtp.Received.Count);
        Assert.Equal(2, _smtp.Sessions);
        Assert.Single(_entra.Requests);
    }

    [Fact]
    public async Task A_refused_token_endpoint_is_transient_and_names_entras_error_not_the_secret()
    {
        _entra.Respond = (_, response) =>
        {
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            response.ContentType = "application/json";
            return response.WriteAsync("""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x"}""");
        };
        await using var channel = Channel();

        var failure = await Assert.ThrowsAsync<SlaTimers.Notifications.Channels.TransientDeliveryException>(() =>
            channel.SendAsync(DefaultMessageComposer.Compose(Samples.Warning()), CancellationToken.None));
        Assert.Contains("invalid_client AADSTS7000215: Invalid client secret provided.", failure.Message);
        Assert.DoesNotContain("very-secret", failure.ToString());
        Assert.Empty(_smtp.Received);
    }
}
