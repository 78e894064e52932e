using System.Net;
using Microsoft.Extensions.Http.Resilience;
using NodaTime;
using Polly;
using Polly.Timeout;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// The one retry layer of a Zendesk client (Microsoft.Extensions.Http.Resilience): transient failures — 5xx, 408,
/// transport errors, attempt timeouts — are retried with exponential backoff and jitter; a 429 is waited out
/// when its <c>Retry-After</c> is short (≤ <see cref="ZendeskOptions.MaxRetryAfter"/>) and otherwise handed back
/// at once, so the read throws <see cref="SlaTimers.Core.Sync.HelpdeskRateLimitedException"/> and the sync job
/// reschedules instead of blocking a worker. 401/403 are never retried.
/// </summary>
internal static class ZendeskResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ZendeskOptions options, IClock clock)
    {
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryAfter, clock)),
            });
        }
        pipeline.AddTimeout(options.RequestTimeout);
    }

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, IClock clock)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        if (outcome.Result is not { } response) return false;
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => RetryAfter(response, clock) is not { } wait || wait.ToTimeSpan() <= maxRetryAfter,
            HttpStatusCode.RequestTimeout => true,
            HttpStatusCode.NotImplemented => false,
            _ => (int)response.StatusCode >= 500,
        };
    }

    /// <summary>The response's <c>Retry-After</c> (seconds or an HTTP date), if it has one.</summary>
    public static Duration? RetryAfter(HttpResponseMessage response, IClock clock) => RetryAfter(response.Headers, clock);

    public static Duration? RetryAfter(System.Net.Http.Headers.HttpResponseHeaders headers, IClock clock)
    {
        if (headers.RetryAfter is not { } retryAfter) return null;
        if (retryAfter.Delta is { } delta) return Duration.FromTimeSpan(delta < TimeSpan.Zero ? TimeSpan.Zero : delta);
        if (retryAfter.Date is { } date)
        {
            var wait = Instant.FromDateTimeOffset(date) - clock.GetCurrentInstant();
            return wait < Duration.Zero ? Duration.Zero : wait;
        }
        return null;
    }
}
