using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Notifications.Tests.Support;

/// <summary>One request as the stub saw it.</summary>
internal sealed record StubRequest(string Method, string Path, string? ContentType, string? Authorization, string Body);

/// <summary>
/// Kestrel on 127.0.0.1 and a free port, standing in for Entra ID, Graph or a Workflows webhook. It records every
/// request and answers with <see cref="Respond"/> (default: 202 with no body).
/// </summary>
internal sealed class StubHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubHttpServer(WebApplication app, string address)
    {
        _app = app;
        BaseAddress = address.TrimEnd('/');
    }

    public string BaseAddress { get; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>Answers a request; set by each test.</summary>
    public Func<StubRequest, HttpResponse, Task> Respond { get; set; } = (_, response) =>
    {
        response.StatusCode = StatusCodes.Status202Accepted;
        return Task.CompletedTask;
    };

    public static async Task<StubHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StubHttpServer? stub = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new StubRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.ContentType, context.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync());
            stub!.Requests.Enqueue(request);
            await stub.Respond(request, context.Response);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        stub = new StubHttpServer(app, address);
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
