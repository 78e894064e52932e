using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SlaTimers.Notifications.Tests.Support;

/// <summary>Entra ID and Microsoft Graph in one stub server: tokens at <c>/{tenant}/oauth2/v2.0/token</c>, Graph under <c>/v1.0</c>.</summary>
internal sealed class GraphStub : IAsyncDisposable
{
    public const string Token = "stub-graph-token";

    private GraphStub(StubHttpServer server) => Server = server;

    public StubHttpServer Server { get; }

    public string AuthorityHost => Server.BaseAddress;

    public string GraphBaseUrl => Server.BaseAddress + "/v1.0";

    /// <summary>How Graph answers (the token endpoint always gives a token).</summary>
    public Func<StubRequest, HttpResponse, Task> Graph { get; set; } = (_, response) =>
    {
        response.StatusCode = StatusCodes.Status202Accepted;
        return Task.CompletedTask;
    };

    public IEnumerable<StubRequest> TokenRequests => Server.Requests.Where(r => r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));

    public IEnumerable<StubRequest> GraphRequests => Server.Requests.Where(r => r.Path.StartsWith("/v1.0/", StringComparison.Ordinal));

    public static async Task<GraphStub> StartAsync()
    {
        var stub = new GraphStub(await StubHttpServer.StartAsync());
        stub.Server.Respond = (request, response) =>
        {
            if (!request.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)) return stub.Graph(request, response);
            response.ContentType = "application/json";
            return response.WriteAsync($$"""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{{Token}}"}""");
        };
        return stub;
    }

    /// <summary>Parses a request body and re-serialises it without whitespace, for exact comparison.</summary>
    public static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
