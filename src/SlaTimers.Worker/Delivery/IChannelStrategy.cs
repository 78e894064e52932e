using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Chooses how a resolved recipient is reached: which channel (by its configured name, as
/// <see cref="SlaTimers.Notifications.Channels.INotificationChannel.Name"/>) and which address on it. The
/// mail and Teams work adds strategies (or decorates this one) without touching the jobs.
/// </summary>
public interface IChannelStrategy
{
    ChannelRoute Route(ResolvedRecipient recipient);
}

/// <summary>A channel and address, or why the recipient cannot be reached (recorded as a failed notification).</summary>
public sealed record ChannelRoute(string? Channel, string? Address, string? Problem)
{
    public bool CanDeliver => Channel is not null && Address is not null;

    public static ChannelRoute To(string channel, string address) => new(channel, address, null);

    public static ChannelRoute Refused(string problem) => new(null, null, problem);
}
