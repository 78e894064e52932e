using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace SlaTimers.Testing.Zendesk;

/// <summary>
/// A Zendesk stand-in on a real loopback socket (Kestrel on 127.0.0.1, a port the OS chooses) serving a
/// <see cref="ZendeskAccount"/>: the incremental cursor export, audits, groups and organizations, behind HTTP Basic
/// authentication with the account's API token (a wrong one gets 401, as Zendesk answers). Cheap enough for load: it
/// answers with the account's rendered bodies (<see cref="ZendeskAccount.AuditsJson"/>, kept per ticket version), each
/// in one write with its <c>Content-Length</c>, handled on the socket's own thread, and no configuration file
/// watched. It records every request, counts them per route, records how many
/// were in flight at once, and can slow down or hold exports, or refuse every request, on demand.
/// <para>
/// A path can be scripted instead (<see cref="On(string, StubResponse[])"/>): answers the account does not give —
/// a 429 with <c>Retry-After</c>, server errors in a row, a page that is not JSON, malformed tickets
/// (<see cref="ZendeskJson"/>) — for the connector's tests. A script answers after the authentication; paths
/// without one are the account's.
/// </para>
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
    private ImmutableDictionary<string, Func<HttpRequest, StubResponse>> _scripts = ImmutableDictionary.Create<string, Func<HttpRequest, StubResponse>>(StringComparer.Ordinal);

    private ZendeskStub(ZendeskAccount account, IClock clock, int port)
    {
        _account = account;
        _clock = clock;
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.Email}/token:{account.ApiToken}"));
        // No appsettings.json reloading: it watched the whole current folder (every file the worker, PostgreSQL or a
        // build wrote under it cost the driver CPU).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxConcurrentConnections = null);
        // Requests are handled where the socket read completes, not queued to the thread pool again: the handler
        // never blocks (held exports and delays are awaited), and each hop was a thread woken on a shared 2-core box.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
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

    public IReadOnlyList<StubRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <param name="account">What it serves (default: an empty account with the <see cref="StubUsers.Everyone"/> users).</param>
    /// <param name="port">0: a free port; or a fixed one, e.g. to start again where a stopped stub was.</param>
    public static async Task<ZendeskStub> StartAsync(ZendeskAccount? account = null, IClock? clock = null, int port = 0)
    {
        var stub = new ZendeskStub(account ?? new ZendeskAccount(), clock ?? SystemClock.Instance, port);
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

    /// <summary>Answers <paramref name="path"/> with these responses in turn; the last one repeats.</summary>
    public ZendeskStub On(string path, params StubResponse[] responses)
    {
        var next = 0;
        return On(path, _ => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)]);
    }

    /// <summary>Answers <paramref name="path"/> with what <paramref name="respond"/> makes of each request.</summary>
    public ZendeskStub On(string path, Func<HttpRequest, StubResponse> respond)
    {
        ImmutableInterlocked.Update(ref _scripts, scripts => scripts.SetItem(path, respond));
        return this;
    }

    public ZendeskStub OnJson(string path, string json) => On(path, StubResponse.Json(json));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var (route, ticketId) = Route(path);
        var index = (int)route;
        Interlocked.Increment(ref _counts[index]);
        var now = Interlocked.Increment(ref _inFlight[index]);
        for (var max = Volatile.Read(ref _maxInFlight[index]); now > max; max = Volatile.Read(ref _maxInFlight[index]))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight[index], now, max) == max) break;
        }
        StubRequest? recorded = null;
        if (RecordRequests)
        {
            recorded = new StubRequest(route, path, request.QueryString.Value ?? "", request.Headers.Authorization, _clock.GetCurrentInstant());
            _requests.Enqueue(recorded);
        }
        try
        {
            if (route == StubRoute.Export)
            {
                if (_exportGate is { } gate) await gate.Task.WaitAsync(context.RequestAborted);
                if (ExportDelay > TimeSpan.Zero) await Task.Delay(ExportDelay, context.RequestAborted);
            }
            await RespondAsync(context, route, path, ticketId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a killed worker): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[index]);
            recorded?.Answered(context.Response.StatusCode);
        }
    }

    private async Task RespondAsync(HttpContext context, StubRoute route, string path, long ticketId)
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
        var scripts = _scripts; // empty under load: no lookup on the hot path
        if (!scripts.IsEmpty && scripts.TryGetValue(path, out var script))
        {
            await ScriptedAsync(response, script(context.Request), context.RequestAborted);
            return;
        }

        var query = route is StubRoute.Export or StubRoute.Organizations ? context.Request.Query : null; // audits: not parsed
        byte[]? body;
        switch (route)
        {
            case StubRoute.Export:
                var perPage = int.TryParse(query!["per_page"], CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, 1000) : 1000;
                long? start = long.TryParse(query["start_time"], CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
                var cursor = query["cursor"].ToString() is { Length: > 0 } c ? c : null;
                body = _account.ExportPageJson(cursor, start, perPage);
                break;
            case StubRoute.Audits:
                body = _account.AuditsJson(ticketId);
                break;
            case StubRoute.Groups:
                body = ZendeskAccount.Render(_account.WriteGroups);
                break;
            case StubRoute.Organizations:
                var ids = query!["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(id => long.Parse(id, CultureInfo.InvariantCulture));
                body = ZendeskAccount.Render(json => _account.WriteOrganizations(json, ids));
                break;
            default:
                body = null;
                break;
        }
        if (body is null)
        {
            await ErrorAsync(response, 404, "RecordNotFound");
            return;
        }
        // One write of the whole body, its length known: Kestrel sends headers and body together, unchunked.
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static async Task ScriptedAsync(HttpResponse response, StubResponse scripted, CancellationToken cancellationToken)
    {
        response.StatusCode = scripted.Status;
        foreach (var (name, value) in scripted.Headers ?? ImmutableDictionary<string, string>.Empty) response.Headers[name] = value;
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(scripted.Body), cancellationToken);
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
            case ZendeskJson.ExportPath: return (StubRoute.Export, 0);
            case ZendeskJson.GroupsPath: return (StubRoute.Groups, 0);
            case ZendeskJson.OrganizationsPath: return (StubRoute.Organizations, 0);
        }
        const string prefix = ZendeskJson.TicketsPrefix, suffix = ZendeskJson.AuditsSuffix;
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
