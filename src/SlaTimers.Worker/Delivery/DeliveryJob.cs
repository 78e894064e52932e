using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Delivers one notification of the ledger, exactly once: it claims the ledger row first (a notification that is
/// delivered, failed or being sent by someone else is left alone), sends through the notification's channel and
/// marks it delivered. A transient failure releases the claim and is retried by Hangfire with backoff (or after the
/// channel's Retry-After); a permanent one (or the last attempt) marks it failed and fails the job without retries, so
/// it shows on the dashboard.
/// <para>
/// The job, not Hangfire, decides how long a retry waits (<see cref="RetryDelay"/>): it records the retry's instant in
/// the ledger (<see cref="Notification.NextAttemptAt"/>) and throws a <see cref="TransientDeliveryException"/> naming
/// that delay, which <see cref="HonourRetryAfterAttribute"/> gives Hangfire's retry. AutomaticRetry's own back-off
/// counts the retries of one Hangfire job, which the job cannot see (a job the recovery sweep queued starts again at
/// its first delay); the ledger's attempt count is known, so the ledger holds the truth and the recovery sweep can take
/// a notification whose retry job was lost minutes after that retry was due.
/// </para>
/// <para>
/// A warning while digests are on takes along the recipient's other pending warnings that are due (claiming each), and
/// sends them as one digest: all of them are marked delivered together, or released or failed together.
/// </para>
/// </summary>
public sealed partial class DeliveryJob(
    INotificationLedger ledger,
    NotificationComposer composer,
    IEnumerable<INotificationChannel> channels,
    IBackgroundJobClient jobs,
    IClock clock,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryJob> logger)
{
    /// <summary>Hangfire's retries after the first attempt (see <see cref="BackOff"/>).</summary>
    public const int Retries = 5;

    /// <summary>
    /// How long the retry after the n-th failed attempt (the ledger's attempt count) waits when the channel named no
    /// Retry-After; the last delay serves any later attempt. The same delays are AutomaticRetry's on
    /// <see cref="DeliverAsync"/>, for a failure the job does not reach its own handling for (the ledger unreachable).
    /// </summary>
    public static IReadOnlyList<TimeSpan> BackOff { get; } =
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)];

    /// <summary>Claims of one notification, by any job, before it is given up as failed.</summary>
    public const int MaxAttempts = Retries + 1;

    /// <summary>
    /// The longest a notification that failed for now waits for its retry: a channel's Retry-After, which
    /// <see cref="HonourRetryAfterAttribute"/> caps at an hour (the back-off's longest delay, 30 min, is shorter).
    /// For a notification that failed before the ledger recorded its retry's instant, the recovery sweep counts its
    /// <see cref="DeliveryOptions.LostRetryGrace"/> from its last attempt plus this.
    /// </summary>
    public static readonly TimeSpan LongestRetryDelay = HonourRetryAfterAttribute.MaxDelay;

    /// <summary>The most warnings one digest lists; more go in the next one.</summary>
    public const int MaxDigestItems = 50;

    /// <summary>A job that runs this much before its notification's due instant (quiet hours) runs again at it.</summary>
    private static readonly Duration EarlyTolerance = Duration.FromSeconds(5);

    /// <param name="title">The checkpoint and recipient, shown as the job's name on the dashboard.</param>
    [Queue(HangfireQueues.Delivery)]
    [JobDisplayName("{1}")]
    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [10, 30, 120, 600, 1800],
        ExceptOn = [typeof(PermanentDeliveryException)], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [HonourRetryAfter]
    public async Task DeliverAsync(string key, string title, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var notification = await ledger.TryClaimAsync(key, now, Duration.FromTimeSpan(options.Value.ClaimLease), cancellationToken);
        if (notification is null)
        {
            LogNotClaimed(key);
            return;
        }
        if (notification.DueAt - now > EarlyTolerance)
        {
            // Quiet hours are not over yet (a job run by hand, or an instance whose clock runs ahead): wait for them.
            await ledger.MarkFailedAsync(key, now, $"not due before {notification.DueAt} (quiet hours); rescheduled", notification.DueAt, CancellationToken.None);
            jobs.Schedule<DeliveryJob>(job => job.DeliverAsync(key, title, CancellationToken.None), notification.DueAt.ToDateTimeOffset());
            LogEarly(title, notification.DueAt);
            return;
        }

        List<Notification> group = [notification];
        try
        {
            List<NotificationContext> contexts = [await composer.ContextAsync(notification, now, cancellationToken)];
            if (DeliveryTiming.IsDigestible(notification, options.Value))
            {
                await TakeAlongAsync(notification, now, group, contexts, cancellationToken);
            }
            var message = contexts.Count == 1 ? composer.Compose(contexts[0]) : composer.ComposeDigest(contexts, now);
            var channel = channels.FirstOrDefault(c => string.Equals(c.Name, notification.Channel, StringComparison.OrdinalIgnoreCase))
                          ?? throw new PermanentDeliveryException($"the channel '{notification.Channel}' is not configured in this worker");
            await channel.SendAsync(message, cancellationToken);
            foreach (var sent in group) await ledger.MarkDeliveredAsync(sent.Key, clock.GetCurrentInstant(), CancellationToken.None);
            if (group.Count == 1) LogDelivered(title, notification.Channel);
            else LogDeliveredDigest(title, group.Count, notification.Channel);
        }
        catch (PermanentDeliveryException e)
        {
            await MarkAllAsync(group, clock.GetCurrentInstant(), e.Message, retryAt: null);
            LogFailedForGood(e, title, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: release the claims; Hangfire runs the job again as soon as a worker runs (due now).
            var interruptedAt = clock.GetCurrentInstant();
            await MarkAllAsync(group, interruptedAt, "interrupted by a shutdown", interruptedAt);
            throw;
        }
        catch (Exception e)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            if (notification.Attempts >= MaxAttempts)
            {
                var final = $"gave up after {notification.Attempts} attempts; the last: {error}";
                await MarkAllAsync(group, clock.GetCurrentInstant(), final, retryAt: null);
                LogFailedForGood(e, title, final);
                throw new PermanentDeliveryException(final, e);
            }
            // The delay recorded is the one Hangfire's retry gets: HonourRetryAfter schedules it from this exception.
            var delay = RetryDelay(notification.Attempts, e);
            var failedAt = clock.GetCurrentInstant();
            var retryAt = failedAt + Duration.FromTimeSpan(delay);
            await MarkAllAsync(group, failedAt, error, retryAt);
            LogWillRetry(e, title, notification.Attempts, retryAt);
            throw new TransientDeliveryException(error, delay, e);
        }
    }

    /// <summary>
    /// Claims the recipient's other pending, due warnings on the same channel for the digest. One whose ticket or clock
    /// is gone is failed on its own (as its own job would); the rest join the group.
    /// </summary>
    private async Task TakeAlongAsync(Notification lead, Instant now, List<Notification> group, List<NotificationContext> contexts, CancellationToken cancellationToken)
    {
        var lease = Duration.FromTimeSpan(options.Value.ClaimLease);
        var pending = await ledger.GetPendingForRecipientAsync(lead.Recipient, now, MaxDigestItems + 1, cancellationToken);
        foreach (var candidate in pending)
        {
            if (group.Count >= MaxDigestItems) break;
            if (candidate.Key == lead.Key || candidate.DueAt > now || !DeliveryTiming.IsDigestible(candidate, options.Value)
                || !string.Equals(candidate.Channel, lead.Channel, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (await ledger.TryClaimAsync(candidate.Key, now, lease, cancellationToken) is not { } claimed) continue;
            group.Add(claimed);
            try
            {
                contexts.Add(await composer.ContextAsync(claimed, now, cancellationToken));
            }
            catch (PermanentDeliveryException e)
            {
                group.Remove(claimed);
                await ledger.MarkFailedAsync(claimed.Key, now, e.Message, retryAt: null, CancellationToken.None);
                LogCompanionFailed(claimed.Key, e.Message);
            }
        }
    }

    /// <summary>
    /// The wait before the retry of a notification whose <paramref name="attempts"/>-th attempt failed with
    /// <paramref name="failure"/>: the channel's Retry-After (within <see cref="HonourRetryAfterAttribute"/>'s bounds),
    /// else the <see cref="BackOff"/> delay of that attempt.
    /// </summary>
    public static TimeSpan RetryDelay(int attempts, Exception failure) =>
        HonourRetryAfterAttribute.RetryAfterOf(failure) ?? BackOff[Math.Clamp(attempts, 1, BackOff.Count) - 1];

    /// <param name="retryAt">When the group's retry is due; null: it failed for good.</param>
    private async Task MarkAllAsync(IEnumerable<Notification> group, Instant at, string error, Instant? retryAt)
    {
        foreach (var n in group) await ledger.MarkFailedAsync(n.Key, at, error, retryAt, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivery {Key}: delivered, failed or claimed by another sender; nothing to do.")]
    private partial void LogNotClaimed(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Title} (channel {Channel}).")]
    private partial void LogDelivered(string title, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Title} in a digest of {Count} warnings (channel {Channel}).")]
    private partial void LogDeliveredDigest(string title, int count, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery of {Title} ran before its due instant {DueAt}; rescheduled for then.")]
    private partial void LogEarly(string title, Instant dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Key} cannot join a digest and failed for good: {Reason}")]
    private partial void LogCompanionFailed(string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Title} failed (attempt {Attempt}); it will be retried at {RetryAt}.")]
    private partial void LogWillRetry(Exception e, string title, int attempt, Instant retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery of {Title} failed for good: {Reason}")]
    private partial void LogFailedForGood(Exception e, string title, string reason);
}
