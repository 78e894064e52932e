using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Recipients;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Tests.Integration;

/// <summary>
/// The channels of the integration tests, chosen by a channel strategy of their own (the extension point the mail
/// and Teams work uses): an address with "bounce" in it is refused for good, like an SMTP 550; every other one is
/// written to the pickup folder by a channel that also records when it sent what.
/// </summary>
public sealed class TestChannelStrategy : IChannelStrategy
{
    public ChannelRoute Route(ResolvedRecipient recipient)
    {
        var address = recipient.Person?.Email ?? recipient.Address;
        if (address is null) return new PickupChannelStrategy().Route(recipient);
        return ChannelRoute.To(address.Contains("bounce", StringComparison.Ordinal) ? BouncingChannel.ChannelName : RecordingChannel.ChannelName, address);
    }
}

/// <summary>Writes through the real pickup channel and records each send (key → instants), to measure and count.</summary>
public sealed class RecordingChannel(IOptions<PickupOptions> pickup, IClock clock) : INotificationChannel
{
    public const string ChannelName = "recorded";

    private readonly PickupChannel _inner = new(pickup);
    private readonly ConcurrentDictionary<string, List<Instant>> _sends = new();
    private readonly ConcurrentDictionary<string, bool> _failOnce = new();

    public string Name => ChannelName;

    public string Folder => Path.GetFullPath(pickup.Value.Directory);

    /// <summary>The first attempt to send this notification fails for now, as a mail server answering 421 does.</summary>
    public void FailOnce(string key) => _failOnce[key] = true;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (_failOnce.TryRemove(message.NotificationKey, out _)) throw new IOException("421 4.3.2 service not available, try again later");
        await _inner.SendAsync(message, cancellationToken);
        var sends = _sends.GetOrAdd(message.NotificationKey, _ => []);
        lock (sends) sends.Add(clock.GetCurrentInstant());
    }

    public int Count(string key) => _sends.TryGetValue(key, out var sends) ? sends.Count : 0;

    public string FileOf(string key) => Path.Combine(Folder, MessageIds.FileName(key) + ".eml");

    /// <summary>When the notification was first sent; null if it was not within <paramref name="timeout"/>.</summary>
    public async Task<Instant?> WaitForSendAsync(string key, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_sends.TryGetValue(key, out var sends))
            {
                lock (sends)
                {
                    if (sends.Count > 0) return sends[0];
                }
            }
            await Task.Delay(20);
        }
        return null;
    }
}

/// <summary>Refuses every message for good, as a mail server answering 550 does.</summary>
public sealed class BouncingChannel : INotificationChannel
{
    public const string ChannelName = "bounce";

    public string Name => ChannelName;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        throw new PermanentDeliveryException($"550 5.1.1 <{message.RecipientAddress}>: mailbox unavailable");
}
