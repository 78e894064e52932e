using SlaTimers.Configuration.Json;
using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration.Recipients;

/// <summary>
/// Reads one entry of <c>groups</c>, keyed by the helpdesk's group name: <c>"Servicedesk": { "members": ["j.devries"],
/// "lead": "m.jansen", "manager": "p.visser", "channel": "servicedesk-channel" }</c>. The roles <c>group</c>,
/// <c>group-lead</c> and <c>manager</c> in checkpoints resolve through it.
/// </summary>
internal static class GroupReader
{
    private static readonly string[] PropertyNames = ["members", "lead", "manager", "channel"];

    private const string Expected =
        "a group like { \"members\": [\"j.devries\"], \"lead\": \"m.jansen\", \"manager\": \"p.visser\", \"channel\": \"servicedesk-channel\" }";

    private const string PersonId = "a person id from 'people', like \"m.jansen\"";

    public static RecipientGroup? Read(string name, JsonCursor entry, RecipientReferences references)
    {
        var problemsBefore = entry.File.ProblemCount;
        if (string.IsNullOrWhiteSpace(name))
        {
            entry.Report("the group name is empty: use the group's name in the helpdesk, e.g. \"Servicedesk\"");
        }
        var fields = entry.ReadObject(Expected, PropertyNames);
        if (fields is null) return null;

        var members = fields.Optional("members")?.ReadStrings("a list of person ids like [\"j.devries\", \"s.bakker\"]", PersonId) ?? [];
        foreach (var (member, cursor) in members) references.CheckPerson(cursor, member);
        var lead = ReadPerson(fields.Optional("lead"), references);
        var manager = ReadPerson(fields.Optional("manager"), references);
        var channel = fields.Optional("channel") is { } c && c.ReadString("a channel id from 'channels', like \"servicedesk-channel\"") is { } channelId
            ? references.CheckChannel(c, channelId)
            : null;

        if (entry.File.ProblemCount > problemsBefore) return null;
        return new RecipientGroup(name.Trim(), [.. members.Select(m => m.Text)], lead, manager, channel);
    }

    private static string? ReadPerson(JsonCursor? cursor, RecipientReferences references) =>
        cursor?.ReadString(PersonId) is { } id ? references.CheckPerson(cursor.Value, id) : null;
}
