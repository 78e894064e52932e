using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace SlaTimers.Testing.Zendesk;

/// <summary>The endpoints the stub serves; requests are counted per route.</summary>
public enum StubRoute
{
    Export,
    Audits,
    Groups,
    Organizations,
    Other,
}

/// <summary>A request the stub answered: its route, when it arrived, and the status it got.</summary>
public sealed record StubRequest(StubRoute Route, string PathAndQuery, Instant Received, int Status);

/// <summary>
/// A Zendesk stand-in on a real loopback socket (Kestrel on 127.0.0.1, a port the OS chooses) serving a
/// <see cref="ZendeskAccount"/>: the incremental cursor export, audits, groups and organizations, behind HTTP Basic
/// authentication with the account's API token (a wrong one gets 401, as Zendesk answers). Adapted from the Helpdesks
/// tests' stub (<c>tests/SlaTimers.Helpdesks.Tests/Support/ZendeskStub.cs</c>) for whole-worker tests and load: it
/// writes its JSON straight to the response, counts requests per route, records how many exports were in flight at
/// once, and can slow down or hold exports, or refuse every request, on demand.
/// </summary>
public sealed class ZendeskStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ZendeskAccount _account;
    private readonly IClock _clock;
    private readonly string _authorization;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly long[] _counts = new long[Enum.GetValues<StubRoute>().Length];
    private readonly int[] _inFlight = new int[Enum.GetValues<StubRoute>().Length];
    private readonly int[] _maxInFlight = new int[Enum.GetValues<StubRoute>().Length];
    private volatile TaskCompletionSource? _exportGate;

    private ZendeskStub(ZendeskAccount account, IClock clock, int port)
    {
        _account = account;
        _clock = clock;
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.Email}/token:{account.ApiToken}"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxConcurrentConnections = null);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Keep every request in <see cref="Requests"/> (off for load: the counters are enough).</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>How long each export request takes (makes overlapping syncs observable).</summary>
    public TimeSpan ExportDelay { get; set; }

    /// <summary>Answer every request with this status (e.g. 401, 500) instead of serving the account; null serves it.</summary>
    public int? FailWith { get; set; }

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    /// <param name="port">0: a free port; or a fixed one, e.g. to start again where a stopped stub was.</param>
    public static async Task<ZendeskStub> StartAsync(ZendeskAccount account, IClock? clock = null, int port = 0)
    {
        var stub = new ZendeskStub(account, clock ?? SystemClock.Instance, port);
        await stub._app.StartAsync();
        var address = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.BaseUrl = new Uri(address);
        return stub;
    }

    public long Count(StubRoute route) => Interlocked.Read(ref _counts[(int)route]);

    /// <summary>The most requests of <paramref name="route"/> that were being answered at the same time.</summary>
    public int MaxInFlight(StubRoute route) => Volatile.Read(ref _maxInFlight[(int)route]);

    public int InFlight(StubRoute route) => Volatile.Read(ref _inFlight[(int)route]);

    /// <summary>From now on, export requests wait (holding the worker's sync run) until <see cref="ReleaseExports"/>.</summary>
    public void HoldExports() => _exportGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseExports() => Interlocked.Exchange(ref _exportGate, null)?.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var (route, ticketId) = Route(request.Path.Value ?? "");
        var index = (int)route;
        Interlocked.Increment(ref _counts[index]);
        var now = Interlocked.Increment(ref _inFlight[index]);
        for (var max = Volatile.Read(ref _maxInFlight[index]); now > max; max = Volatile.Read(ref _maxInFlight[index]))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight[index], now, max) == max) break;
        }
        var received = _clock.GetCurrentInstant();
        try
        {
            if (route == StubRoute.Export)
            {
                if (_exportGate is { } gate) await gate.Task.WaitAsync(context.RequestAborted);
                if (ExportDelay > TimeSpan.Zero) await Task.Delay(ExportDelay, context.RequestAborted);
            }
            await RespondAsync(context, route, ticketId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a killed worker): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[index]);
            if (RecordRequests) _requests.Enqueue(new StubRequest(route, request.Path + request.QueryString, received, context.Response.StatusCode));
        }
    }

    private async Task RespondAsync(HttpContext context, StubRoute route, long ticketId)
    {
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        if (FailWith is { } status)
        {
            await ErrorAsync(response, status, status == 401 ? "Couldn't authenticate you" : "InternalError");
            return;
        }
        if (!string.Equals(context.Request.Headers.Authorization.ToString(), _authorization, StringComparison.Ordinal))
        {
            await ErrorAsync(response, 401, "Couldn't authenticate you");
            return;
        }

        var query = context.Request.Query;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        switch (route)
        {
            case StubRoute.Export:
                var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, 1000) : 1000;
                long? start = long.TryParse(query["start_time"], CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
                var cursor = query["cursor"].ToString() is { Length: > 0 } c ? c : null;
                _account.WriteExportPage(writer, cursor, start, perPage);
                break;
            case StubRoute.Audits:
                if (!_account.WriteAudits(writer, ticketId))
                {
                    await ErrorAsync(response, 404, "RecordNotFound");
                    return;
                }
                break;
            case StubRoute.Groups:
                _account.WriteGroups(writer);
                break;
            case StubRoute.Organizations:
                var ids = query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => long.Parse(id, CultureInfo.InvariantCulture));
                _account.WriteOrganizations(writer, ids);
                break;
            default:
                await ErrorAsync(response, 404, "RecordNotFound");
                return;
        }
        await writer.FlushAsync(context.RequestAborted);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static async Task ErrorAsync(HttpResponse response, int status, string error)
    {
        response.StatusCode = status;
        await response.WriteAsync($$"""{"error":"{{error}}"}""");
    }

    private static (StubRoute Route, long TicketId) Route(string path)
    {
        switch (path)
        {
            case "/api/v2/incremental/tickets/cursor.json": return (StubRoute.Export, 0);
            case "/api/v2/groups.json": return (StubRoute.Groups, 0);
            case "/api/v2/organizations/show_many.json": return (StubRoute.Organizations, 0);
        }
        const string prefix = "/api/v2/tickets/", suffix = "/audits.json";
        if (path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal)
            && long.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - suffix.Length), CultureInfo.InvariantCulture, out var id))
        {
            return (StubRoute.Audits, id);
        }
        return (StubRoute.Other, 0);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseExports();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
