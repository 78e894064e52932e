using SlaTimers.Core.Recipients;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Tests.Delivery;

public class PickupChannelStrategyTests
{
    private readonly PickupChannelStrategy _strategy = new();

    [Fact]
    public void Route_APersonWithAnAddress_GoesToPickupAtThatAddress()
    {
        var route = _strategy.Route(ResolvedRecipient.ForPerson(new Person("ann", "Ann", "ann@example.com", null, "en", null, [])));

        Assert.Equal(ChannelRoute.To("pickup", "ann@example.com"), route);
    }

    [Fact]
    public void Route_APersonWithoutAnAddress_IsRefusedSayingSo()
    {
        var route = _strategy.Route(ResolvedRecipient.ForPerson(new Person("max", "Max Manager", null, "teams-id", "en", null, [])));

        Assert.False(route.CanDeliver);
        Assert.Equal("Max Manager ('max') has no e-mail address in recipients.json", route.Problem);
    }

    [Fact]
    public void Route_ALiteralAddress_GoesToPickup()
    {
        Assert.Equal(ChannelRoute.To("pickup", "ops@example.com"), _strategy.Route(ResolvedRecipient.ForAddress("ops@example.com", "en")));
    }

    [Fact]
    public void Route_ATeamsChannel_IsRefusedUntilTeamsIsThere()
    {
        var route = _strategy.Route(ResolvedRecipient.ForChannel(new NotificationChannel("desk", "teams-webhook", "env:HOOK", "nl")));

        Assert.False(route.CanDeliver);
        Assert.Contains("'desk' is a teams-webhook channel", route.Problem);
    }

    [Fact]
    public void Route_APickupChannelWithAnAddress_GoesToPickup()
    {
        var route = _strategy.Route(ResolvedRecipient.ForChannel(new NotificationChannel("desk-mail", "pickup", "desk@example.com", "nl")));

        Assert.Equal(ChannelRoute.To("pickup", "desk@example.com"), route);
    }

    [Fact]
    public void Route_AnUnresolvedRecipient_IsRefusedWithItsProblem()
    {
        var route = _strategy.Route(ResolvedRecipient.Unresolved("assignee", "the ticket has no assignee", "en"));

        Assert.Equal(ChannelRoute.Refused("the ticket has no assignee"), route);
    }
}
