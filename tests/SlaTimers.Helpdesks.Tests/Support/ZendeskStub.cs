using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Helpdesks.Tests.Support;

/// <summary>One answer of the stub: status, body and headers.</summary>
public sealed record StubResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubResponse Json(string body) => new(200, body);

    public static StubResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"error":"APIRateLimitExceeded"}""", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString() });
}

/// <summary>A request the stub received.</summary>
public sealed record StubRequest(string Path, IQueryCollection Query, string? Authorization)
{
    public string? this[string key] => Query.TryGetValue(key, out var value) ? value.ToString() : null;
}

/// <summary>
/// A Zendesk stand-in on a real loopback socket (Kestrel on 127.0.0.1, port chosen by the OS): each path answers
/// from a script — a fixed sequence (the last answer repeats) or a function of the request — and every request
/// is recorded. Unscripted paths answer 404.
/// </summary>
public sealed class ZendeskStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpRequest, StubResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StubRequest> _requests = new();

    private ZendeskStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    public IReadOnlyList<StubRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    public static async Task<ZendeskStub> StartAsync()
    {
        var stub = new ZendeskStub();
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    /// <summary>Answers <paramref name="path"/> with these responses in turn; the last one repeats.</summary>
    public ZendeskStub On(string path, params StubResponse[] responses)
    {
        var next = 0;
        _routes[path] = _ => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)];
        return this;
    }

    public ZendeskStub On(string path, Func<HttpRequest, StubResponse> respond)
    {
        _routes[path] = respond;
        return this;
    }

    public ZendeskStub OnJson(string path, string json) => On(path, StubResponse.Json(json));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue(new StubRequest(request.Path.Value ?? "", request.Query, request.Headers.Authorization.FirstOrDefault()));
        var response = _routes.TryGetValue(request.Path.Value ?? "", out var respond)
            ? respond(request)
            : new StubResponse(404, """{"error":"RecordNotFound"}""");
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
