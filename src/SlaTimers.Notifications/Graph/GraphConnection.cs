using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Identity;

namespace SlaTimers.Notifications.Graph;

/// <summary>
/// A Graph SDK client for one channel: our own HttpClient (so the SDK's retry handler does not sit on a 429 — the
/// delivery job retries after the <c>Retry-After</c> instead), bearer tokens from <see cref="ClientCredentialsTokenSource"/>
/// for the configured Graph host only, and one error rule for every call (<see cref="Failure"/>).
/// </summary>
internal sealed class GraphConnection
{
    public GraphConnection(string channel, HttpClient http, GraphAppOptions options, TimeSpan tokenValidity, TimeProvider time)
    {
        Channel = channel;
        Http = http;
        Time = time;
        BaseUrl = options.BaseUrl.TrimEnd('/');
        TokenValidity = tokenValidity;
        Tokens = new ClientCredentialsTokenSource(http, options.Credentials, time);
        var provider = new TokenProvider(Tokens, new Uri(BaseUrl).Host, tokenValidity);
        Client = new GraphServiceClient(http, new BaseBearerTokenAuthenticationProvider(provider), BaseUrl);
    }

    public string Channel { get; }
    public HttpClient Http { get; }
    public TimeProvider Time { get; }
    public string BaseUrl { get; }
    public TimeSpan TokenValidity { get; }
    public ClientCredentialsTokenSource Tokens { get; }
    public GraphServiceClient Client { get; }

    /// <summary>Runs a Graph call; failures become transient or permanent delivery exceptions.</summary>
    public async Task CallAsync(Func<GraphServiceClient, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(Client, cancellationToken);
        }
        catch (ApiException e)
        {
            throw Failure(e.ResponseStatusCode, RetryAfter(e.ResponseHeaders), (e as ODataError)?.Error is { } error ? $"{error.Code}: {error.Message}" : e.Message, e);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientDeliveryException($"{Channel}: Graph could not be reached: {e.Message}", null, e);
        }
    }

    /// <summary>
    /// 429/5xx/408 transient, other 4xx permanent; except 401, which means our token (not the message) was refused:
    /// the token is dropped and the delivery retried with a new one.
    /// </summary>
    public Exception Failure(int status, TimeSpan? retryAfter, string? detail, Exception? inner)
    {
        if (status == 401)
        {
            Tokens.Invalidate();
            return new TransientDeliveryException($"{Channel}: HTTP 401 (token refused; a new one is fetched) {detail}".TrimEnd(), retryAfter, inner);
        }
        return HttpDeliveryFailures.Classify(Channel, status, retryAfter, detail, inner);
    }

    private TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null) return null;
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)) return HttpDeliveryFailures.RetryAfter(values, Time.GetUtcNow());
        }
        return null;
    }

    private sealed class TokenProvider(ClientCredentialsTokenSource tokens, string host, TimeSpan validity) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) =>
            AllowedHostsValidator.IsUrlHostValid(uri) ? (await tokens.GetTokenAsync(validity, cancellationToken)).Value : "";
    }
}
