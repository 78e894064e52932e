using System.Globalization;
using System.Net;

namespace SlaTimers.Notifications.Channels;

/// <summary>
/// One rule for every HTTP channel (Graph, webhooks): 429 and 5xx are transient (with the <c>Retry-After</c> delay
/// when given), 408 is transient, any other 4xx is permanent. The message names the channel and status only.
/// </summary>
public static class HttpDeliveryFailures
{
    public static Exception Classify(string channel, int status, TimeSpan? retryAfter, string? detail, Exception? inner = null)
    {
        var text = $"{channel}: HTTP {status.ToString(CultureInfo.InvariantCulture)}{(string.IsNullOrWhiteSpace(detail) ? "" : " " + detail)}";
        return status switch
        {
            429 => new TransientDeliveryException(
                text + (retryAfter is { } wait ? $" (retry after {wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)" : ""), retryAfter, inner),
            408 or >= 500 => new TransientDeliveryException(text, retryAfter, inner),
            >= 400 => new PermanentDeliveryException(text, inner),
            _ => new TransientDeliveryException(text + " (unexpected status)", retryAfter, inner),
        };
    }

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date (relative to <paramref name="now"/>).</summary>
    public static TimeSpan? RetryAfter(IEnumerable<string>? values, DateTimeOffset now)
    {
        var value = values?.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero,
            _ => null,
        };

    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
