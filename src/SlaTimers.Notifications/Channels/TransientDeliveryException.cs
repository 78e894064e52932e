namespace SlaTimers.Notifications.Channels;

/// <summary>
/// The channel could not take the message now (SMTP 4xx, a dropped connection, HTTP 429 or 5xx): the delivery job
/// should try again later. <see cref="RetryAfter"/> is the delay the service asked for, when it named one.
/// </summary>
public sealed class TransientDeliveryException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>How long the service asked us to wait (HTTP <c>Retry-After</c>), or null.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
