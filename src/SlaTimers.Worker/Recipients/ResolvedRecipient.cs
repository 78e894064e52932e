using SlaTimers.Core.Recipients;

namespace SlaTimers.Worker.Recipients;

/// <summary>What a recipient of a checkpoint turned out to be.</summary>
public enum RecipientKind
{
    /// <summary>A person of the recipients file.</summary>
    Person,

    /// <summary>A channel of the recipients file (e.g. a Teams channel behind a webhook).</summary>
    Channel,

    /// <summary>A literal e-mail address: named in a checkpoint, or a ticket's assignee not in the recipients file.</summary>
    Address,

    /// <summary>Nobody could be found: <see cref="ResolvedRecipient.Problem"/> says why.</summary>
    Unresolved,
}

/// <summary>
/// One recipient of a checkpoint, resolved against the ticket and the recipients file. <see cref="Id"/> is stable
/// (it is part of the notification key) and can be resolved again when the notification is delivered:
/// <c>person:j.devries</c>, <c>channel:servicedesk-channel</c>, <c>email:ann@example.com</c>; an unresolved one
/// names what was missing, e.g. <c>unresolved:group-lead:second line</c>.
/// </summary>
public sealed record ResolvedRecipient(string Id, RecipientKind Kind, string DisplayName, string Language)
{
    public Person? Person { get; init; }
    public NotificationChannel? Channel { get; init; }

    /// <summary>For <see cref="RecipientKind.Address"/>: the address.</summary>
    public string? Address { get; init; }

    /// <summary>For <see cref="RecipientKind.Unresolved"/>: why nobody could be found, in words an admin can act on.</summary>
    public string? Problem { get; init; }

    public static ResolvedRecipient ForPerson(Person person) =>
        new(RecipientIds.Person(person.Id), RecipientKind.Person, person.Name, person.Language) { Person = person };

    public static ResolvedRecipient ForChannel(NotificationChannel channel) =>
        new(RecipientIds.Channel(channel.Id), RecipientKind.Channel, channel.Id, channel.Language) { Channel = channel };

    public static ResolvedRecipient ForAddress(string address, string language) =>
        new(RecipientIds.Email(address), RecipientKind.Address, address, language) { Address = address };

    public static ResolvedRecipient Unresolved(string what, string problem, string language) =>
        new(RecipientIds.Unresolved(what), RecipientKind.Unresolved, what, language) { Problem = problem };
}
