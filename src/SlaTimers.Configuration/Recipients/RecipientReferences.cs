using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration.Recipients;

/// <summary>
/// The person and channel ids of <c>recipients.json</c>, taken from its keys before any entry is read, so
/// references are checked even where an entry has problems of its own. Lookups ignore case, as the
/// <see cref="RecipientDirectory"/> does.
/// </summary>
internal sealed class RecipientReferences(IEnumerable<string> personIds, IEnumerable<string> channelIds, bool isChecked = true)
{
    private readonly HashSet<string> _people = new(personIds, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _channels = new(channelIds, StringComparer.OrdinalIgnoreCase);

    /// <summary>No <c>recipients.json</c>: checkpoints can name roles and e-mail addresses only.</summary>
    public static RecipientReferences None { get; } = new([], []);

    /// <summary>
    /// A <c>recipients.json</c> that could not be read (bad JSON): its names are unknown, so names in checkpoints
    /// are not checked rather than each reported as unknown because of the one syntax error.
    /// </summary>
    public static RecipientReferences Unchecked { get; } = new([], [], isChecked: false);

    public bool IsPerson(string id) => _people.Contains(id);

    public bool IsChannel(string id) => _channels.Contains(id);

    /// <summary>What a checkpoint can name besides a role: a person id, a channel id, or a literal e-mail address.</summary>
    public bool IsKnownName(string name) => !isChecked || IsPerson(name) || IsChannel(name) || RecipientDirectory.LooksLikeEmail(name);

    public IEnumerable<string> Names => _people.Concat(_channels).Order(StringComparer.Ordinal);

    /// <summary>The id when a person has it; otherwise null after reporting the unknown reference.</summary>
    public string? CheckPerson(JsonCursor cursor, string id)
    {
        if (IsPerson(id)) return id;
        var channel = IsChannel(id) ? $" ('{id}' is a channel; a group's channel goes in 'channel')" : NameSuggestions.DidYouMean(id, _people);
        cursor.Report($"unknown person '{id}'{channel}: expected the id of a person in 'people'; known people: {List(_people)}");
        return null;
    }

    /// <summary>The id when a channel has it; otherwise null after reporting the unknown reference.</summary>
    public string? CheckChannel(JsonCursor cursor, string id)
    {
        if (IsChannel(id)) return id;
        cursor.Report($"unknown channel '{id}'{NameSuggestions.DidYouMean(id, _channels)}: expected the id of a channel in 'channels'; " +
                      $"known channels: {List(_channels)}");
        return null;
    }

    /// <summary>Ids that read as a role would never reach the person: <c>notify</c> takes them as the role.</summary>
    public static bool IsRoleName(string id) => RecipientRef.Roles.ContainsKey(id);

    private static string List(IEnumerable<string> ids) =>
        ids.Any() ? string.Join(", ", ids.Order(StringComparer.Ordinal)) : "none";
}
