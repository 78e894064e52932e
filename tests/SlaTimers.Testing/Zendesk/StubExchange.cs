using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
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

/// <summary>
/// A request the stub received: its route, path, query, <c>Authorization</c> header and when it arrived. It is
/// recorded as it arrives (a test that has its answer finds it); <see cref="Status"/> follows once it is answered.
/// </summary>
public sealed class StubRequest(StubRoute route, string path, string queryString, string? authorization, Instant received)
{
    private int _status;

    public StubRoute Route { get; } = route;
    public string Path { get; } = path;

    /// <summary>As sent, with its leading <c>?</c> (empty when there is none).</summary>
    public string QueryString { get; } = queryString;

    public string? Authorization { get; } = authorization;
    public Instant Received { get; } = received;

    /// <summary>The status it got; 0 while it is being answered.</summary>
    public int Status => Volatile.Read(ref _status);

    /// <summary>A query parameter's value (null when absent); parsed on each call, so recording costs nothing.</summary>
    public string? this[string key] =>
        QueryHelpers.ParseNullableQuery(QueryString) is { } query && query.TryGetValue(key, out var value) ? value.ToString() : null;

    internal void Answered(int status) => Volatile.Write(ref _status, status);
}

/// <summary>A scripted answer (<see cref="ZendeskStub.On(string, StubResponse[])"/>): status, body and headers.</summary>
public sealed record StubResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubResponse Json(string body) => new(200, body);

    public static StubResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"error":"APIRateLimitExceeded"}""", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });
}
