using SlaTimers.Core.Recipients;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// The zero-setup routing: everything with an e-mail address goes to the <c>pickup</c> folder as an .eml file. A
/// person without an address, or a channel that is not mail (a Teams webhook), cannot be reached yet.
/// </summary>
public sealed class PickupChannelStrategy : IChannelStrategy
{
    public ChannelRoute Route(ResolvedRecipient recipient) => recipient.Kind switch
    {
        RecipientKind.Person when recipient.Person!.Email is { Length: > 0 } email => ChannelRoute.To(PickupChannel.ChannelName, email),
        RecipientKind.Person => ChannelRoute.Refused(
            $"{recipient.Person!.Name} ('{recipient.Person.Id}') has no e-mail address in recipients.json"),
        RecipientKind.Address => ChannelRoute.To(PickupChannel.ChannelName, recipient.Address!),
        RecipientKind.Channel when recipient.Channel!.Type == PickupChannel.ChannelName && RecipientDirectory.LooksLikeEmail(recipient.Channel.Target) =>
            ChannelRoute.To(PickupChannel.ChannelName, recipient.Channel.Target),
        RecipientKind.Channel => ChannelRoute.Refused(
            $"the channel '{recipient.Channel!.Id}' is a {recipient.Channel.Type} channel, which this worker cannot post to yet (only e-mail through the pickup folder)"),
        _ => ChannelRoute.Refused(recipient.Problem ?? $"'{recipient.Id}' could not be resolved"),
    };
}
