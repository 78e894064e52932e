using System.Collections.Frozen;
using System.Collections.Immutable;

namespace SlaTimers.Core.Recipients;

/// <summary>A person who can be notified: their addresses, language and an optional quiet-hours calendar.</summary>
public sealed record Person(
    string Id,
    string Name,
    string? Email,
    string? TeamsUserId,
    string Language,
    string? QuietHoursCalendarId,
    ImmutableArray<string> HelpdeskIds);

/// <summary>A helpdesk group: its members, lead and manager (person ids), and an optional channel for group posts.</summary>
public sealed record RecipientGroup(string Name, ImmutableArray<string> Members, string? Lead, string? Manager, string? Channel);

/// <summary>A place to post for many people at once, e.g. a Teams channel behind a Workflows webhook.</summary>
public sealed record NotificationChannel(string Id, string Type, string Target, string Language);

/// <summary>
/// The recipients file: who people are, which groups they form, and the channels to post to. Roles in
/// checkpoints (assignee, group, group-lead, manager) resolve through it when a notification is made.
/// </summary>
public sealed class RecipientDirectory
{
    private readonly FrozenDictionary<string, Person> _people;
    private readonly FrozenDictionary<string, Person> _byHelpdeskId;
    private readonly FrozenDictionary<string, RecipientGroup> _groups;
    private readonly FrozenDictionary<string, NotificationChannel> _channels;

    public RecipientDirectory(IEnumerable<Person> people, IEnumerable<RecipientGroup> groups, IEnumerable<NotificationChannel> channels)
    {
        _people = people.ToFrozenDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        _byHelpdeskId = _people.Values
            .SelectMany(p => p.HelpdeskIds.Concat(p.Email is null ? [] : [p.Email]).Select(id => (id, p)))
            .DistinctBy(x => x.id, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(x => x.id, x => x.p, StringComparer.OrdinalIgnoreCase);
        _groups = groups.ToFrozenDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);
        _channels = channels.ToFrozenDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    public static RecipientDirectory Empty { get; } = new([], [], []);

    public IEnumerable<Person> People => _people.Values;
    public IEnumerable<RecipientGroup> Groups => _groups.Values;
    public IEnumerable<NotificationChannel> Channels => _channels.Values;

    public Person? FindPerson(string id) => _people.GetValueOrDefault(id);

    /// <summary>The person a helpdesk's assignee value (agent id or email) stands for.</summary>
    public Person? FindByHelpdeskId(string helpdeskId) => _byHelpdeskId.GetValueOrDefault(helpdeskId) ?? FindPerson(helpdeskId);

    public RecipientGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public NotificationChannel? FindChannel(string id) => _channels.GetValueOrDefault(id);

    /// <summary>Can a checkpoint name this recipient: a person id, a channel id, or a literal e-mail address?</summary>
    public bool IsKnownName(string name) =>
        _people.ContainsKey(name) || _channels.ContainsKey(name) || LooksLikeEmail(name);

    public static bool LooksLikeEmail(string text) =>
        text.IndexOf('@') is > 0 and var at && at < text.Length - 1 && !text.Contains(' ');
}
