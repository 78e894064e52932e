using SlaTimers.Core.Agreements;
using SlaTimers.Core.Recipients;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Recipients;

namespace SlaTimers.Worker.Tests.Recipients;

public class RecipientResolverTests
{
    private static readonly RecipientDirectory Directory = new(
        [
            new Person("ann", "Ann Agent", "ann@example.com", null, "en", null, ["zendesk:381"]),
            new Person("bob", "Bob Lead", "bob@example.com", null, "nl", null, []),
            new Person("max", "Max Manager", null, "teams-id", "en", null, []),
        ],
        [
            new RecipientGroup("Desk", ["ann", "bob"], Lead: "bob", Manager: "max", Channel: null),
            new RecipientGroup("Empty", [], Lead: null, Manager: null, Channel: null),
        ],
        [new NotificationChannel("desk-channel", "teams-webhook", "env:HOOK", "nl")]);

    private static readonly TicketFields DeskTicket = new() { Group = "Desk", Assignee = "zendesk:381" };

    [Fact]
    public void Assignee_KnownByHelpdeskId_IsThatPerson()
    {
        var one = Assert.Single(Resolve(DeskTicket, Role(RecipientRole.Assignee)));

        Assert.Equal("person:ann", one.Id);
        Assert.Equal(RecipientKind.Person, one.Kind);
        Assert.Equal("Ann Agent", one.DisplayName);
    }

    [Fact]
    public void Assignee_NotInTheFileButAnEmailAddress_IsThatAddress()
    {
        var one = Assert.Single(Resolve(DeskTicket with { Assignee = "temp@example.com" }, Role(RecipientRole.Assignee)));

        Assert.Equal("email:temp@example.com", one.Id);
        Assert.Equal("temp@example.com", one.Address);
        Assert.Equal("en", one.Language);
    }

    [Fact]
    public void Assignee_Unknown_IsUnresolvedWithAReason()
    {
        var one = Assert.Single(Resolve(DeskTicket with { Assignee = "zendesk:999" }, Role(RecipientRole.Assignee)));

        Assert.Equal(RecipientKind.Unresolved, one.Kind);
        Assert.Equal("unresolved:assignee:zendesk:999", one.Id);
        Assert.Contains("'zendesk:999' is not in recipients.json", one.Problem);
    }

    [Fact]
    public void Assignee_OfAnUnassignedTicket_IsItsGroup()
    {
        Assert.Equal(["person:ann", "person:bob"], Resolve(DeskTicket with { Assignee = null }, Role(RecipientRole.Assignee)).Select(r => r.Id));
    }

    [Fact]
    public void AssigneeAndGroup_OfAnUnassignedTicket_WarnEachMemberOnce()
    {
        var both = Resolve(DeskTicket with { Assignee = null }, Role(RecipientRole.Assignee), Role(RecipientRole.Group));

        Assert.Equal(["person:ann", "person:bob"], both.Select(r => r.Id));
    }

    [Fact]
    public void Assignee_OfATicketWithNeitherAssigneeNorGroup_IsUnresolved()
    {
        var one = Assert.Single(Resolve(new TicketFields(), Role(RecipientRole.Assignee)));

        Assert.Equal("unresolved:assignee", one.Id);
        Assert.Equal("the ticket has no assignee and no group", one.Problem);
    }

    [Fact]
    public void Group_IsEveryMember()
    {
        Assert.Equal(["person:ann", "person:bob"], Resolve(DeskTicket, Role(RecipientRole.Group)).Select(r => r.Id));
    }

    [Fact]
    public void Group_WithoutMembers_IsUnresolved()
    {
        var one = Assert.Single(Resolve(DeskTicket with { Group = "Empty" }, Role(RecipientRole.Group)));

        Assert.Contains("has no members", one.Problem);
    }

    [Fact]
    public void GroupLeadAndManager_AreThePeopleTheGroupNames()
    {
        Assert.Equal(["person:bob", "person:max"], Resolve(DeskTicket, Role(RecipientRole.GroupLead), Role(RecipientRole.Manager)).Select(r => r.Id));
    }

    [Fact]
    public void GroupLead_OfAGroupWithoutOne_IsUnresolved()
    {
        var one = Assert.Single(Resolve(DeskTicket with { Group = "Empty" }, Role(RecipientRole.GroupLead)));

        Assert.Equal("unresolved:group-lead:Empty", one.Id);
        Assert.Equal("the group 'Empty' has no lead in recipients.json", one.Problem);
    }

    [Fact]
    public void GroupRoles_OfAGroupNotInTheFile_AreUnresolved()
    {
        var resolved = Resolve(DeskTicket with { Group = "Unknown" }, Role(RecipientRole.Group), Role(RecipientRole.Manager));

        Assert.All(resolved, r => Assert.Equal("the ticket's group 'Unknown' is not in recipients.json", r.Problem));
        Assert.Equal(2, resolved.Count);
    }

    [Fact]
    public void Named_PersonChannelAndAddress_ResolveToWhatTheyAre()
    {
        var resolved = Resolve(DeskTicket, Named("bob"), Named("desk-channel"), Named("ops@example.com"), Named("nobody"));

        Assert.Equal(["person:bob", "channel:desk-channel", "email:ops@example.com", "unresolved:nobody"], resolved.Select(r => r.Id));
        Assert.Equal([RecipientKind.Person, RecipientKind.Channel, RecipientKind.Address, RecipientKind.Unresolved], resolved.Select(r => r.Kind));
    }

    [Fact]
    public void Resolve_SomeoneNamedTwice_IsNotifiedOnce()
    {
        // ann is the assignee and a member of the group; bob is the lead and a member.
        var resolved = Resolve(DeskTicket, Role(RecipientRole.Assignee), Role(RecipientRole.Group), Role(RecipientRole.GroupLead));

        Assert.Equal(["person:ann", "person:bob"], resolved.Select(r => r.Id));
    }

    [Theory]
    [InlineData("person:ann", RecipientKind.Person, "Ann Agent")]
    [InlineData("channel:desk-channel", RecipientKind.Channel, "desk-channel")]
    [InlineData("email:x@example.com", RecipientKind.Address, "x@example.com")]
    [InlineData("person:gone", RecipientKind.Unresolved, "person:gone")]
    public void FromId_ResolvesWhatResolveGaveAgain(string id, RecipientKind kind, string name)
    {
        var again = RecipientResolver.FromId(id, Directory, "en");

        Assert.Equal(kind, again.Kind);
        Assert.Equal(name, again.DisplayName);
    }

    private static IReadOnlyList<ResolvedRecipient> Resolve(TicketFields fields, params RecipientRef[] recipients) =>
        RecipientResolver.Resolve(recipients, fields, Directory, "en");

    private static RecipientRef Role(RecipientRole role) => new(role);

    private static RecipientRef Named(string name) => new(RecipientRole.Named, name);
}
