using SlaTimers.Configuration.Calendars;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration.Recipients;

/// <summary>What <c>recipients.json</c> gave: the directory (null when it had a problem) and the names checkpoints may use.</summary>
internal sealed record RecipientsFile(RecipientDirectory? Directory, RecipientReferences References);

/// <summary>
/// Reads the optional <c>recipients.json</c>: <c>people</c>, <c>groups</c> and <c>channels</c>. Without the
/// file the directory is empty and checkpoints can notify roles and e-mail addresses only.
/// </summary>
internal static class RecipientsFileReader
{
    public const string FileName = "recipients.json";

    private static readonly string[] PropertyNames = ["people", "groups", "channels"];

    private const string Expected = "recipients like { \"people\": { … }, \"groups\": { … }, \"channels\": { … } }";
    private const string ExpectedPeople = "people by id, like { \"j.devries\": { \"name\": \"Jan de Vries\", … } }";
    private const string ExpectedGroups = "groups by helpdesk group name, like { \"Servicedesk\": { \"members\": [ … ] } }";
    private const string ExpectedChannels = "channels by id, like { \"servicedesk-channel\": { \"type\": \"teams-webhook\", … } }";

    public static RecipientsFile Read(string configDirectory, CalendarReferences calendars, ConfigProblemList problems)
    {
        var path = Path.Combine(configDirectory, FileName);
        if (!System.IO.File.Exists(path)) return new RecipientsFile(RecipientDirectory.Empty, RecipientReferences.None);

        var file = new ConfigFile(configDirectory, path, problems);
        var problemsBefore = file.ProblemCount;
        using var document = JsonFileReader.Read(file);
        var root = document is null ? null : JsonCursor.Root(document.RootElement, file).ReadObject(Expected, PropertyNames);
        if (root is null) return new RecipientsFile(null, RecipientReferences.Unchecked);

        // Every id first, so a group can refer to a channel written further down the file.
        var people = root.Optional("people")?.ReadEntries(ExpectedPeople, "person id") ?? [];
        var groups = root.Optional("groups")?.ReadEntries(ExpectedGroups, "group name") ?? [];
        var channels = root.Optional("channels")?.ReadEntries(ExpectedChannels, "channel id") ?? [];
        var references = new RecipientReferences(people.Select(p => p.Key), channels.Select(c => c.Key));

        var readPeople = people
            .Select(p => (Entry: p.Value, Person: CheckId(p.Value, p.Key, "person id", "j.devries") ? PersonReader.Read(p.Key, p.Value, calendars) : null))
            .ToList();
        ReportSharedAddresses(readPeople);
        var readGroups = groups.Select(g => GroupReader.Read(g.Key, g.Value, references)).ToList();
        var readChannels = channels.Where(c => CheckId(c.Value, c.Key, "channel id", "servicedesk-channel") && !IsAlsoAPerson(c, references))
            .Select(c => ChannelReader.Read(c.Key, c.Value)).ToList();

        if (file.ProblemCount > problemsBefore) return new RecipientsFile(null, references);
        var directory = new RecipientDirectory(readPeople.Select(p => p.Person!), readGroups.Select(g => g!), readChannels.Select(c => c!));
        return new RecipientsFile(directory, references);
    }

    private static bool CheckId(JsonCursor entry, string id, string noun, string example)
    {
        if (ConfigIds.Check(entry, id, noun, example) is null) return false;
        if (!RecipientReferences.IsRoleName(id)) return true;
        entry.Report($"'{id}' is a role in checkpoints, so 'notify' would never reach this {noun.Split(' ')[0]} by it: choose another {noun}");
        return false;
    }

    /// <summary>A name in <c>notify</c> must mean one thing: a person and a channel cannot share it.</summary>
    private static bool IsAlsoAPerson(KeyValuePair<string, JsonCursor> channel, RecipientReferences references)
    {
        if (!references.IsPerson(channel.Key)) return false;
        channel.Value.Report($"'{channel.Key}' is already a person id in 'people': a checkpoint that names it could mean either; " +
                             "give the channel another id");
        return true;
    }

    /// <summary>
    /// The helpdesk's assignee (an agent id or e-mail) finds the person; if two people shared one, notifications
    /// for one would silently go to the other.
    /// </summary>
    private static void ReportSharedAddresses(List<(JsonCursor Entry, Person? Person)> people)
    {
        var ownerByAddress = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, person) in people)
        {
            if (person is null) continue;
            var addresses = person.HelpdeskIds.Select((h, index) => (Text: h, Path: JsonPaths.Item(JsonPaths.Property(entry.Path, "helpdeskIds"), index)));
            if (person.Email is { } email) addresses = addresses.Prepend((email, JsonPaths.Property(entry.Path, "email")));
            foreach (var (address, path) in addresses)
            {
                if (ownerByAddress.TryAdd(address, person.Id) || ownerByAddress[address] == person.Id) continue;
                entry.File.Report(path, $"'{address}' already identifies the person '{ownerByAddress[address]}': " +
                                                   "a helpdesk id or e-mail address must belong to one person, so the assignee finds the right one");
            }
        }
    }
}
