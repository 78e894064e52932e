using NodaTime;

namespace SlaTimers.Core.Notifications;

/// <summary>When <see cref="INotificationLedger.TakeLostAsync"/> takes a notification for lost, and how often again.</summary>
public sealed record LostNotificationRules
{
    /// <summary>A pending notification never tried this long after its due instant lost its first job.</summary>
    public required Duration RecoverAfter { get; init; }

    /// <summary>
    /// A notification taken is left alone this long while the job queued for it waits (a slow queue), then taken again
    /// if it is still lost — or sooner, once an attempt since (that job ran) is lost too.
    /// </summary>
    public required Duration RequeueInterval { get; init; }

    /// <summary>Never-tried notifications that wait for a digest window first (and so longer); null: none does.</summary>
    public DigestHold? Digest { get; init; }

    /// <summary>
    /// A notification that failed for now and saw no attempt this long after its retry was due
    /// (<see cref="Notification.NextAttemptAt"/>) lost its retry job.
    /// </summary>
    public required Duration RetryGrace { get; init; }

    /// <summary>
    /// The longest a retry may wait after its failed attempt: for a notification that failed before the ledger recorded
    /// when its retry is due, <see cref="RetryGrace"/> counts from its last attempt (or its due instant, if later) plus
    /// this.
    /// </summary>
    public required Duration LongestRetryDelay { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">A duration is not positive (the longest retry delay: negative), or the digest kind is empty.</exception>
    public void Validate()
    {
        if (RecoverAfter <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(RecoverAfter), RecoverAfter, "A lost notification needs a positive grace.");
        if (RequeueInterval <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(RequeueInterval), RequeueInterval, "Re-queuing needs a positive interval.");
        if (RetryGrace <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(RetryGrace), RetryGrace, "A lost retry needs a positive grace.");
        if (LongestRetryDelay < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(LongestRetryDelay), LongestRetryDelay, "A retry delay cannot be negative.");
        Digest?.Validate();
    }
}

/// <summary>
/// The notifications a digest holds for <see cref="Window"/>: checkpoint key starting with
/// <see cref="CheckpointPrefix"/> and recipient starting with one of <see cref="RecipientPrefixes"/>, both ignoring
/// (ASCII) case.
/// </summary>
public sealed record DigestHold(Duration Window, string CheckpointPrefix, IReadOnlyList<string> RecipientPrefixes)
{
    /// <summary>Is <paramref name="notification"/> of this kind?</summary>
    public bool Holds(Notification notification) =>
        notification.CheckpointKey.StartsWith(CheckpointPrefix, StringComparison.OrdinalIgnoreCase)
        && RecipientPrefixes.Any(p => notification.Recipient.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="ArgumentOutOfRangeException">The window is not positive, or a prefix is empty.</exception>
    public void Validate()
    {
        if (Window <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(Window), Window, "A digest window must be positive.");
        if (string.IsNullOrEmpty(CheckpointPrefix) || RecipientPrefixes.Count == 0 || RecipientPrefixes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentOutOfRangeException(nameof(RecipientPrefixes), "A digest kind needs a checkpoint prefix and at least one recipient prefix, none empty.");
        }
    }
}
