using Microsoft.Extensions.Options;
using SlaTimers.Core.Recipients;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.GraphMail;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Teams;
using SlaTimers.Notifications.TeamsWebhook;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Routes each recipient over the channels that are configured: a person with a Teams user id gets a Teams
/// activity notification when the <c>teams</c> channel is set up, otherwise mail; mail goes over
/// <c>Delivery:MailChannel</c> (by default <c>smtp</c> if configured, else <c>graph-mail</c>, else the
/// <c>pickup</c> folder); a recipients-file channel is posted to by its type (a Teams Workflows webhook).
/// </summary>
public sealed class ConfiguredChannelStrategy : IChannelStrategy
{
    private readonly HashSet<string> _configured;
    private readonly string _mail;

    public ConfiguredChannelStrategy(IEnumerable<INotificationChannel> channels, IOptions<DeliveryOptions> options)
    {
        _configured = channels.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _mail = options.Value.MailChannel
                ?? (_configured.Contains(SmtpChannel.ChannelName) ? SmtpChannel.ChannelName
                    : _configured.Contains(GraphMailChannel.ChannelName) ? GraphMailChannel.ChannelName
                    : PickupChannel.ChannelName);
        if (!_configured.Contains(_mail))
        {
            throw new OptionsValidationException(DeliveryOptions.SectionName, typeof(DeliveryOptions),
                [$"Delivery:MailChannel is '{_mail}', but that channel is not configured (configured: {string.Join(", ", _configured.Order())})."]);
        }
    }

    public ChannelRoute Route(ResolvedRecipient recipient) => recipient.Kind switch
    {
        RecipientKind.Person when recipient.Person!.TeamsUserId is { Length: > 0 } teamsUser && _configured.Contains(TeamsActivityChannel.ChannelName) =>
            ChannelRoute.To(TeamsActivityChannel.ChannelName, teamsUser),
        RecipientKind.Person when recipient.Person!.Email is { Length: > 0 } email => ChannelRoute.To(_mail, email),
        RecipientKind.Person => ChannelRoute.Refused(
            $"{recipient.Person!.Name} ('{recipient.Person.Id}') has no e-mail address in recipients.json" +
            (recipient.Person.TeamsUserId is null ? "" : " and the 'teams' channel is not configured")),
        RecipientKind.Address => ChannelRoute.To(_mail, recipient.Address!),
        RecipientKind.Channel => RouteChannel(recipient.Channel!),
        _ => ChannelRoute.Refused(recipient.Problem ?? $"'{recipient.Id}' could not be resolved"),
    };

    private ChannelRoute RouteChannel(NotificationChannel channel)
    {
        if (!_configured.Contains(channel.Type))
        {
            return ChannelRoute.Refused($"the channel '{channel.Id}' is a {channel.Type} channel, which is not configured under Channels:{channel.Type}");
        }
        if (channel.Type == TeamsWebhookChannel.ChannelName) return ChannelRoute.To(channel.Type, channel.Target);
        return RecipientDirectory.LooksLikeEmail(channel.Target)
            ? ChannelRoute.To(channel.Type, channel.Target)
            : ChannelRoute.Refused($"the channel '{channel.Id}' ({channel.Type}) needs an e-mail address as target, not '{channel.Target}'");
    }
}
