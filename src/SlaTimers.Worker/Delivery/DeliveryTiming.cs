using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Recipients;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// When a notification goes out: at once, at the end of the recipient's quiet hours, or at the end of a digest
/// window. One place for the rules the notifier, the delivery job and the recovery sweep share.
/// </summary>
public static class DeliveryTiming
{
    /// <summary>A held notification's due instant and its checkpoint's differ by more than this.</summary>
    public static Duration HeldTolerance { get; } = Duration.FromMinutes(1);

    /// <summary>
    /// Is this a notification a digest may combine: a warning (breach and escalation notices always go alone and at
    /// once), to a person or an e-mail address (a channel is many people), while digests are on?
    /// </summary>
    public static bool IsDigestible(Notification notification, DeliveryOptions options) =>
        Digest(options) is { } digest && digest.Holds(notification);

    /// <summary>The notifications a digest holds, and for how long; null while digests are off.</summary>
    public static DigestHold? Digest(DeliveryOptions options) =>
        options.DigestWindow > TimeSpan.Zero ? DigestKind(options.DigestWindow) : null;

    /// <summary>The notifications a digest holds: warnings to a person or an e-mail address.</summary>
    private static DigestHold DigestKind(TimeSpan window) =>
        new(Duration.FromTimeSpan(window), "warn-", [RecipientIds.PersonPrefix, RecipientIds.EmailPrefix]);

    /// <summary>
    /// What the recovery sweep takes from the ledger for lost: never tried <see cref="DeliveryOptions.RecoverAfter"/>
    /// after its due instant (a digestible one after its digest window too), no attempt
    /// <see cref="DeliveryOptions.LostRetryGrace"/> after its retry was due (without a recorded instant: after its last
    /// attempt plus <see cref="DeliveryJob.LongestRetryDelay"/>), or its claim ran out; once per
    /// <see cref="DeliveryOptions.RequeueInterval"/>.
    /// </summary>
    public static LostNotificationRules LostRules(DeliveryOptions options) => new()
    {
        RecoverAfter = Duration.FromTimeSpan(options.RecoverAfter),
        RequeueInterval = Duration.FromTimeSpan(options.RequeueInterval),
        Digest = Digest(options),
        RetryGrace = Duration.FromTimeSpan(options.LostRetryGrace),
        LongestRetryDelay = Duration.FromTimeSpan(DeliveryJob.LongestRetryDelay),
    };

    /// <summary>
    /// The opening of <paramref name="person"/>'s working hours a notification about a ticket of
    /// <paramref name="priority"/> that comes due at <paramref name="at"/> must wait for; null: it goes now (no quiet
    /// hours, the calendar is open, or the priority bypasses quiet hours).
    /// </summary>
    public static Instant? HoldUntil(Person? person, string? priority, BusinessCalendarCatalog calendars, DeliveryOptions options, Instant at)
    {
        if (person?.QuietHoursCalendarId is null) return null;
        if (priority is { Length: > 0 } && options.BypassPriorities.Contains(priority.Trim())) return null;
        return QuietHours.HoldUntil(QuietHours.CalendarOf(person, calendars), at);
    }

    /// <summary>When the first delivery attempt of a new notification should run: null means at once.</summary>
    public static Instant? FirstAttempt(Notification notification, DeliveryOptions options, Instant now)
    {
        if (notification.DueAt > now) return notification.DueAt; // held for quiet hours: its digest, if any, is made then
        return IsDigestible(notification, options) ? now + Duration.FromTimeSpan(options.DigestWindow) : null;
    }

    /// <summary>Was <paramref name="notification"/> held for quiet hours, given its checkpoint's instant?</summary>
    public static Instant? HeldUntil(Notification notification, Instant? checkpointAt) =>
        checkpointAt is { } at && notification.DueAt - at > HeldTolerance ? notification.DueAt : null;
}
