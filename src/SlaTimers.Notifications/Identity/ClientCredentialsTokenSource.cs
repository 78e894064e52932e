using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SlaTimers.Notifications.Channels;

namespace SlaTimers.Notifications.Identity;

/// <summary>
/// Gets app-only tokens from the Entra ID token endpoint (client credentials grant) and keeps the current one
/// until it comes within the asked validity of its expiry. A refused or failed token request is transient for the
/// delivery: it is a channel-wide condition (an expired secret, an outage) that an admin or time fixes, and retrying
/// keeps the warning alive meanwhile. Messages name the endpoint and Entra's error, never the secret.
/// </summary>
public sealed class ClientCredentialsTokenSource(HttpClient http, ClientCredentials credentials, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    public ClientCredentials Credentials => credentials;

    /// <summary>A token valid for at least <paramref name="minimumValidity"/> (a freshly issued one is used even when shorter-lived).</summary>
    /// <exception cref="TransientDeliveryException">The token endpoint could not be reached or refused the request.</exception>
    public async Task<AccessToken> GetTokenAsync(TimeSpan minimumValidity, CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.ExpiresOn - time.GetUtcNow() >= minimumValidity) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.ExpiresOn - time.GetUtcNow() >= minimumValidity) return again;
            _current = await RequestAsync(cancellationToken);
            return _current.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the current token (after a 401 from the resource, say), so the next call gets a new one.</summary>
    public void Invalidate() => _current = null;

    private async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        var endpoint = credentials.TokenEndpoint;
        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", credentials.ClientId),
            new("client_secret", credentials.ClientSecret),
            new("scope", credentials.Scope),
        ]);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(endpoint, form, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientDeliveryException($"the token endpoint {endpoint.GetLeftPart(UriPartial.Authority)} could not be reached: {e.Message}", null, e);
        }

        using (response)
        {
            var issuedAt = time.GetUtcNow();
            JsonElement body;
            try
            {
                body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            }
            catch (JsonException)
            {
                body = default;
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = Text(body, "error");
                var description = Text(body, "error_description")?.Split('\n', 2)[0].Trim();
                throw new TransientDeliveryException(
                    $"the token endpoint {endpoint.GetLeftPart(UriPartial.Authority)} refused app {credentials.ClientId} in tenant {credentials.TenantId}: " +
                    $"HTTP {(int)response.StatusCode} {error} {description}".TrimEnd(),
                    HttpDeliveryFailures.RetryAfter(response, issuedAt));
            }

            var token = Text(body, "access_token");
            if (string.IsNullOrEmpty(token))
            {
                throw new TransientDeliveryException($"the token endpoint {endpoint.GetLeftPart(UriPartial.Authority)} answered without an access_token");
            }
            var lifetime = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("expires_in", out var e2)
                ? e2.ValueKind == JsonValueKind.Number ? e2.GetInt64()
                : long.TryParse(e2.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 3600
                : 3600;
            return new AccessToken(token, issuedAt + TimeSpan.FromSeconds(lifetime));
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
