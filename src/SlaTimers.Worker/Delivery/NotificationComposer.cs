using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// Builds the message of a claimed notification from the ticket and clock as they stand now (so it says how much
/// time is left now, and that it is late when it is), and the recipient's address as the recipients file says now.
/// </summary>
public sealed class NotificationComposer(
    ITicketStore tickets,
    SlaConfigurationHolder configuration,
    IChannelStrategy channels,
    IMessageComposer composer,
    IOptions<DeliveryOptions> options)
{
    /// <exception cref="PermanentDeliveryException">The ticket, clock, checkpoint or recipient is gone: it will not come back.</exception>
    public async Task<OutgoingMessage> ComposeAsync(Notification notification, Instant now, CancellationToken cancellationToken)
    {
        var current = configuration.Current;
        var record = (await tickets.GetTicketsAsync([notification.Ticket], cancellationToken)).GetValueOrDefault(notification.Ticket)
                     ?? throw new PermanentDeliveryException($"the ticket {notification.Ticket} is no longer stored");
        var evaluated = ClockEvaluator.Evaluate(record.Ticket, current.Rules, now, record.FirstSeen);
        var clock = Find(evaluated, notification) ?? Find(record.Clocks, notification)
                    ?? throw new PermanentDeliveryException($"the clock {notification.ClockKey} of ticket {record.Ticket.DisplayId} no longer exists");
        var checkpoint = clock.Checkpoints.First(c => c.Definition.Key == notification.CheckpointKey);

        var recipient = RecipientResolver.FromId(notification.Recipient, current.Recipients, options.Value.DefaultLanguage);
        var route = channels.Route(recipient);
        if (!route.CanDeliver) throw new PermanentDeliveryException(route.Problem ?? $"{notification.Recipient} cannot be reached");

        var agreement = current.Agreements.FirstOrDefault(a => a.Id == clock.AgreementId)?.Name ?? clock.AgreementId;
        return composer.Compose(new NotificationContext(notification.Key, record.Ticket, clock, checkpoint, agreement,
            recipient.DisplayName, route.Address!, recipient.Language, ClockZones.Of(current, clock), now));
    }

    private static Clock? Find(IEnumerable<Clock> clocks, Notification notification) => clocks.FirstOrDefault(c =>
        c.Key == notification.ClockKey && c.Checkpoints.Any(p => p.Definition.Key == notification.CheckpointKey));
}
