using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Notifications.Channels;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Delivers one notification of the ledger, exactly once: it claims the ledger row first (a notification that is
/// delivered, failed or being sent by someone else is left alone), sends through the notification's channel and
/// marks it delivered. A transient failure releases the claim and is retried by Hangfire with backoff; a permanent
/// one (or the last attempt) marks it failed and fails the job without retries, so it shows on the dashboard.
/// </summary>
public sealed partial class DeliveryJob(
    INotificationLedger ledger,
    NotificationComposer composer,
    IEnumerable<INotificationChannel> channels,
    IClock clock,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryJob> logger)
{
    /// <summary>Hangfire's retries after the first attempt (see the delays on <see cref="DeliverAsync"/>).</summary>
    public const int Retries = 5;

    /// <summary>Claims of one notification, by any job, before it is given up as failed.</summary>
    public const int MaxAttempts = Retries + 1;

    /// <param name="title">The checkpoint and recipient, shown as the job's name on the dashboard.</param>
    [Queue(HangfireQueues.Delivery)]
    [JobDisplayName("{1}")]
    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [10, 30, 120, 600, 1800],
        ExceptOn = [typeof(PermanentDeliveryException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task DeliverAsync(string key, string title, CancellationToken cancellationToken)
    {
        var notification = await ledger.TryClaimAsync(key, clock.GetCurrentInstant(), Duration.FromTimeSpan(options.Value.ClaimLease), cancellationToken);
        if (notification is null)
        {
            LogNotClaimed(key);
            return;
        }

        try
        {
            var message = await composer.ComposeAsync(notification, clock.GetCurrentInstant(), cancellationToken);
            var channel = channels.FirstOrDefault(c => string.Equals(c.Name, notification.Channel, StringComparison.OrdinalIgnoreCase))
                          ?? throw new PermanentDeliveryException($"the channel '{notification.Channel}' is not configured in this worker");
            await channel.SendAsync(message, cancellationToken);
            await ledger.MarkDeliveredAsync(key, clock.GetCurrentInstant(), CancellationToken.None);
            LogDelivered(title, notification.Channel);
        }
        catch (PermanentDeliveryException e)
        {
            await ledger.MarkFailedAsync(key, clock.GetCurrentInstant(), e.Message, permanent: true, CancellationToken.None);
            LogFailedForGood(e, title, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: release the claim; Hangfire runs the job again after the restart.
            await ledger.MarkFailedAsync(key, clock.GetCurrentInstant(), "interrupted by a shutdown", permanent: false, CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            if (notification.Attempts >= MaxAttempts)
            {
                var final = $"gave up after {notification.Attempts} attempts; the last: {error}";
                await ledger.MarkFailedAsync(key, clock.GetCurrentInstant(), final, permanent: true, CancellationToken.None);
                LogFailedForGood(e, title, final);
                throw new PermanentDeliveryException(final, e);
            }
            await ledger.MarkFailedAsync(key, clock.GetCurrentInstant(), error, permanent: false, CancellationToken.None);
            LogWillRetry(e, title, notification.Attempts);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Key}: delivered, failed or claimed by another sender; nothing to do.")]
    private partial void LogNotClaimed(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Title} (channel {Channel}).")]
    private partial void LogDelivered(string title, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Title} failed (attempt {Attempt}); it will be retried.")]
    private partial void LogWillRetry(Exception e, string title, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery of {Title} failed for good: {Reason}")]
    private partial void LogFailedForGood(Exception e, string title, string reason);
}
