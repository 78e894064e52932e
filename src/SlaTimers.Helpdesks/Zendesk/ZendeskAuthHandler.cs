using System.Net.Http.Headers;
using System.Text;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Signs every request with an API token: <c>Authorization: Basic base64("{email}/token:{api_token}")</c>
/// (helpdesk-apis.md §1.1). The header value is built once and never logged.
/// </summary>
internal sealed class ZendeskAuthHandler(string email, string apiToken) : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _authorization =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}/token:{apiToken}")));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _authorization;
        return base.SendAsync(request, cancellationToken);
    }
}
