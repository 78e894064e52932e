using Microsoft.Extensions.Options;
using SlaTimers.Core.Recipients;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Tests.Delivery;

public class ConfiguredChannelStrategyTests
{
    private static readonly Person Ann = new("ann", "Ann", "ann@example.com", "teams-ann", "en", null, []);
    private static readonly Person Bob = new("bob", "Bob", "bob@example.com", null, "nl", null, []);

    private sealed class Named(string name) : INotificationChannel
    {
        public string Name => name;
        public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static ConfiguredChannelStrategy With(string? mailChannel, params string[] channels) =>
        new(channels.Select(c => new Named(c)), Options.Create(new DeliveryOptions { MailChannel = mailChannel }));

    [Fact]
    public void Route_WithOnlyPickup_SendsMailToThePickupFolder()
    {
        var strategy = With(null, "pickup", "teams-webhook");
        Assert.Equal(ChannelRoute.To("pickup", "ann@example.com"), strategy.Route(ResolvedRecipient.ForPerson(Ann)));
    }

    [Fact]
    public void Route_WithSmtpConfigured_SendsMailOverSmtp_AndTeamsUsersGetTeamsWhenConfigured()
    {
        var strategy = With(null, "pickup", "smtp", "teams");
        Assert.Equal(ChannelRoute.To("teams", "teams-ann"), strategy.Route(ResolvedRecipient.ForPerson(Ann)));
        Assert.Equal(ChannelRoute.To("smtp", "bob@example.com"), strategy.Route(ResolvedRecipient.ForPerson(Bob)));
    }

    [Fact]
    public void Route_GraphMailIsTheMailChannelWhenThereIsNoSmtp()
    {
        var strategy = With(null, "pickup", "graph-mail");
        Assert.Equal(ChannelRoute.To("graph-mail", "ann@example.com"), strategy.Route(ResolvedRecipient.ForPerson(Ann)));
    }

    [Fact]
    public void Route_AWebhookChannel_IsPostedToItsTarget_AndAnUnconfiguredChannelTypeIsRefused()
    {
        var webhook = new NotificationChannel("desk", "teams-webhook", "env:DESK_HOOK", "nl");
        var routed = With(null, "pickup", "teams-webhook").Route(new ResolvedRecipient("channel:desk", RecipientKind.Channel, "desk", "nl") { Channel = webhook });
        var refused = With(null, "pickup").Route(new ResolvedRecipient("channel:desk", RecipientKind.Channel, "desk", "nl") { Channel = webhook });

        Assert.Equal(ChannelRoute.To("teams-webhook", "env:DESK_HOOK"), routed);
        Assert.False(refused.CanDeliver);
        Assert.Contains("not configured under Channels:teams-webhook", refused.Problem);
    }

    [Fact]
    public void Create_WithAMailChannelThatIsNotConfigured_FailsNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => With("smtp", "pickup"));
        Assert.Contains("Delivery:MailChannel is 'smtp'", error.Message);
    }
}
