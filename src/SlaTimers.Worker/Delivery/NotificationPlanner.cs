using NodaTime;
using SlaTimers.Configuration;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Tickets;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// A notification to add to the ledger, its job title, why it cannot be delivered (if it cannot), and the opening of
/// the recipient's working hours it waits for (if it came in their quiet hours; then it is also its due instant).
/// </summary>
public sealed record PlannedNotification(Notification Notification, string Title, string? Problem, Instant? HeldUntil = null);

/// <summary>
/// Turns the checkpoints due on a ticket into notifications: one per (clock, checkpoint, recipient), keyed so the
/// ledger recognises a repeat. A recipient that cannot be reached is planned too, with its problem, so it is
/// recorded as failed instead of vanishing. A person's notification that comes in their quiet hours is due at the next
/// opening of their quiet-hours calendar, unless the clock's priority bypasses quiet hours.
/// </summary>
public static class NotificationPlanner
{
    /// <summary>The channel of a notification that has none (its recipient cannot be reached).</summary>
    public const string NoChannel = "none";

    public static IReadOnlyList<PlannedNotification> Plan(
        Ticket ticket,
        IEnumerable<(Clock Clock, ClockCheckpoint Checkpoint)> due,
        SlaConfiguration configuration,
        IChannelStrategy channels,
        string defaultLanguage,
        Instant now) =>
        Plan(ticket, due, configuration, channels, new DeliveryOptions { DefaultLanguage = defaultLanguage }, now);

    public static IReadOnlyList<PlannedNotification> Plan(
        Ticket ticket,
        IEnumerable<(Clock Clock, ClockCheckpoint Checkpoint)> due,
        SlaConfiguration configuration,
        IChannelStrategy channels,
        DeliveryOptions options,
        Instant now)
    {
        var defaultLanguage = options.DefaultLanguage;
        var key = TicketKey.Of(ticket);
        var planned = new List<PlannedNotification>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (clock, checkpoint) in due)
        {
            var title = CheckpointTitles.Format(ticket.DisplayId, clock.Metric, checkpoint.Definition, clock.Deadline, ClockZones.Of(configuration, clock), now);
            foreach (var recipient in RecipientResolver.Resolve(checkpoint.Definition.Recipients, ticket.Fields, configuration.Recipients, defaultLanguage))
            {
                var route = channels.Route(recipient);
                var held = route.CanDeliver
                    ? DeliveryTiming.HoldUntil(recipient.Person, clock.Priority ?? ticket.Fields.Priority, configuration.Calendars, options, now)
                    : null;
                var notification = new Notification
                {
                    Key = Notification.MakeKey(key, clock.Key, checkpoint.Definition.Key, recipient.Id),
                    Ticket = key,
                    ClockKey = clock.Key,
                    CheckpointKey = checkpoint.Definition.Key,
                    Recipient = recipient.Id,
                    Channel = route.Channel ?? NoChannel,
                    DueAt = held ?? checkpoint.At ?? now,
                    RecordedAt = now,
                };
                if (keys.Add(notification.Key))
                {
                    planned.Add(new PlannedNotification(notification, DeliveryTitle(title, recipient.DisplayName), route.CanDeliver ? null : route.Problem, held));
                }
            }
        }
        return planned;
    }

    /// <summary>The dashboard name of a delivery job: the checkpoint's title and to whom.</summary>
    public static string DeliveryTitle(string checkpointTitle, string recipient) => $"{checkpointTitle} → {recipient}";
}
