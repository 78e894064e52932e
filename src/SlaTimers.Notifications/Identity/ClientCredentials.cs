namespace SlaTimers.Notifications.Identity;

/// <summary>
/// An Entra ID app registration used app-only (OAuth2 client credentials). <see cref="AuthorityHost"/> is
/// <c>https://login.microsoftonline.com</c> in the public cloud; tests point it at a stub.
/// </summary>
public sealed record ClientCredentials(Uri AuthorityHost, string TenantId, string ClientId, string ClientSecret, string Scope)
{
    public const string PublicCloud = "https://login.microsoftonline.com";

    /// <summary><c>{AuthorityHost}/{tenant}/oauth2/v2.0/token</c>.</summary>
    public Uri TokenEndpoint => new(AuthorityHost.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(TenantId) + "/oauth2/v2.0/token");

    // The secret stays out of logs and exception messages, also when the record is printed.
    public override string ToString() => $"ClientCredentials {{ AuthorityHost = {AuthorityHost}, TenantId = {TenantId}, ClientId = {ClientId}, Scope = {Scope} }}";
}

/// <summary>A bearer token and when it expires. Printing it never shows the token.</summary>
public readonly record struct AccessToken(string Value, DateTimeOffset ExpiresOn)
{
    public override string ToString() => $"AccessToken {{ ExpiresOn = {ExpiresOn:O} }}";
}
