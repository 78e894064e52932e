using System.Net;
using NodaTime;
using Refit;
using SlaTimers.Core.Sync;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Turns a Zendesk answer (after the retries) into its content or the exception the sync job understands:
/// 401/403 → <see cref="HelpdeskAuthenticationException"/>, 429 → <see cref="HelpdeskRateLimitedException"/>,
/// anything else unusable → <see cref="HelpdeskResponseException"/> naming the helpdesk and the URL.
/// </summary>
internal static class ZendeskResponses
{
    /// <summary>Used when a 429 carries no <c>Retry-After</c>.</summary>
    private static readonly Duration DefaultRetryAfter = Duration.FromMinutes(1);

    public static async Task<T> ReadAsync<T>(string helpdesk, string what, Func<Task<IApiResponse<T>>> call, IClock clock)
        where T : class
    {
        var response = await SendAsync(helpdesk, what, call);
        return Content(helpdesk, what, response, clock);
    }

    public static async Task<IApiResponse<T>> SendAsync<T>(string helpdesk, string what, Func<Task<IApiResponse<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiExceptionBase e)
        {
            throw new HelpdeskResponseException(helpdesk, e.Uri?.ToString() ?? what, $"the {what} failed: {e.Message}", e);
        }
    }

    public static T Content<T>(string helpdesk, string what, IApiResponse<T> response, IClock clock)
        where T : class
    {
        var url = response.RequestMessage?.RequestUri?.ToString() ?? what;
        if (!response.IsReceived)
        {
            throw new HelpdeskResponseException(helpdesk, url, $"the {what} got no response: {response.Error?.Message}", response.Error);
        }
        var status = response.StatusCode;
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new HelpdeskAuthenticationException(helpdesk, $"{(int)status} {response.ReasonPhrase} from GET {url} (check the Email and ApiToken, and that the user is an admin)");
        }
        if (status == HttpStatusCode.TooManyRequests)
        {
            throw new HelpdeskRateLimitedException(helpdesk, ZendeskResilience.RetryAfter(response.Headers, clock) ?? DefaultRetryAfter);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new HelpdeskResponseException(helpdesk, url, $"the {what} answered {(int)status} {response.ReasonPhrase}");
        }
        if (response.Error is { } error)
        {
            throw new HelpdeskResponseException(helpdesk, url, $"the {what} is not the documented JSON: {(error.InnerException ?? error).Message}", error);
        }
        return response.Content ?? throw new HelpdeskResponseException(helpdesk, url, $"the {what} is empty");
    }
}
