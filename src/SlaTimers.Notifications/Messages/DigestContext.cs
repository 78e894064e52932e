using NodaTime;

namespace SlaTimers.Notifications.Messages;

/// <summary>
/// Several warnings for one recipient combined into one message: each item is the context its own message would
/// have had. <see cref="DigestKey"/> names the set (the same set gives the same message id, so a retry of the digest
/// is the same message).
/// </summary>
public sealed record DigestContext(
    string DigestKey,
    string RecipientName,
    string RecipientAddress,
    string Language,
    DateTimeZone Zone,
    Instant Now,
    IReadOnlyList<NotificationContext> Items)
{
    /// <summary>The first opening any item was held for (quiet hours), or null.</summary>
    public Instant? HeldUntil => Items.Where(i => i.HeldUntil is not null).Select(i => i.HeldUntil).Min();

    public bool IsLate => Items.Any(i => i.IsLate);

    /// <summary>The items by deadline, soonest first (a paused clock, without a deadline, last).</summary>
    public IEnumerable<NotificationContext> BySoonest => Items
        .OrderBy(i => i.Clock.Deadline is null)
        .ThenBy(i => i.Clock.Deadline ?? Instant.MaxValue)
        .ThenBy(i => i.Ticket.DisplayId, StringComparer.Ordinal);
}
