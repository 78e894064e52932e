using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Recipients;
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
/// Times are shown in the recipient's zone: their quiet-hours calendar's, else the clock's calendar's. A notification
/// held for quiet hours says so; several warnings for one recipient can be composed as one digest.
/// </summary>
public sealed class NotificationComposer(
    ITicketStore tickets,
    SlaConfigurationHolder configuration,
    IChannelStrategy channels,
    IMessageComposer composer,
    IOptions<DeliveryOptions> options)
{
    /// <exception cref="PermanentDeliveryException">The ticket, clock, checkpoint or recipient is gone: it will not come back.</exception>
    public async Task<OutgoingMessage> ComposeAsync(Notification notification, Instant now, CancellationToken cancellationToken) =>
        composer.Compose(await ContextAsync(notification, now, cancellationToken));

    public OutgoingMessage Compose(NotificationContext context) => composer.Compose(context);

    /// <summary>What the message of <paramref name="notification"/> says, for one message or a digest.</summary>
    /// <exception cref="PermanentDeliveryException">The ticket, clock, checkpoint or recipient is gone: it will not come back.</exception>
    public async Task<NotificationContext> ContextAsync(Notification notification, Instant now, CancellationToken cancellationToken)
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
        var zone = QuietHours.CalendarOf(recipient.Person, current.Calendars)?.Zone ?? ClockZones.Of(current, clock);
        var held = DeliveryTiming.HeldUntil(notification, checkpoint.At);
        return new NotificationContext(notification.Key, record.Ticket, clock, checkpoint, agreement,
            recipient.DisplayName, route.Address!, recipient.Language, zone, now)
        {
            HeldUntil = held,
            // A warning that waited for its digest window was meant to go at the window's end: that is not late.
            PlannedAt = held is null && DeliveryTiming.IsDigestible(notification, options.Value)
                ? notification.DueAt + Duration.FromTimeSpan(options.Value.DigestWindow)
                : null,
        };
    }

    /// <summary>One message for several warnings of one recipient; its id is derived from the set of notifications.</summary>
    public OutgoingMessage ComposeDigest(IReadOnlyList<NotificationContext> items, Instant now)
    {
        if (items.Count < 2) throw new ArgumentException("A digest has at least two items.", nameof(items));
        var first = items[0];
        return composer.ComposeDigest(new DigestContext(DigestKey(items), first.RecipientName, first.RecipientAddress,
            first.Language, first.Zone, now, items));
    }

    /// <summary><c>digest/{hash of the sorted notification keys}</c>: the same set is the same message.</summary>
    public static string DigestKey(IEnumerable<NotificationContext> items) =>
        "digest/" + MessageIds.FileName(string.Join("\n", items.Select(i => i.NotificationKey).Order(StringComparer.Ordinal)));

    private static Clock? Find(IEnumerable<Clock> clocks, Notification notification) => clocks.FirstOrDefault(c =>
        c.Key == notification.ClockKey && c.Checkpoints.Any(p => p.Definition.Key == notification.CheckpointKey));
}
