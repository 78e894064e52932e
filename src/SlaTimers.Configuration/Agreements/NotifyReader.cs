using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Configuration.Recipients;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads a checkpoint's <c>notify</c>: roles (<c>assignee</c>, <c>group</c>, <c>group-lead</c>, <c>manager</c>),
/// person or channel ids from <c>recipients.json</c>, or literal e-mail addresses. A name that matches none is a
/// problem now, because at the deadline it would be a warning that reaches nobody.
/// </summary>
internal static class NotifyReader
{
    public const string Expected = "a list of recipients like [\"assignee\", \"group-lead\", \"servicedesk-channel\"]";

    private static readonly string RoleList = string.Join(", ", RecipientRef.Roles.Keys);

    public static ImmutableArray<RecipientRef>? Read(JsonCursor notify, RecipientReferences recipients)
    {
        var problemsBefore = notify.File.ProblemCount;
        var names = notify.ReadStrings(Expected, "a role like \"assignee\", a person or channel id, or an e-mail address");
        if (names is null) return null;
        if (names.Count == 0 && notify.File.ProblemCount == problemsBefore)
        {
            notify.Report($"'notify' is empty: a checkpoint must notify someone, e.g. [\"assignee\"]; roles are {RoleList}");
            return null;
        }

        var result = ImmutableArray.CreateBuilder<RecipientRef>();
        foreach (var (name, cursor) in names)
        {
            if (Read(cursor, name, recipients) is { } recipient) result.Add(recipient);
        }
        return notify.File.ProblemCount > problemsBefore ? null : result.ToImmutable();
    }

    private static RecipientRef? Read(JsonCursor cursor, string name, RecipientReferences recipients)
    {
        if (RecipientRef.Roles.TryGetValue(name, out var role)) return new RecipientRef(role);
        if (recipients.IsKnownName(name)) return new RecipientRef(RecipientRole.Named, name);

        if (RoleLike(name) is { } meantRole)
        {
            cursor.Report($"unknown role '{name}' (did you mean '{meantRole}'?): expected one of the roles {RoleList}, " +
                          $"a person or channel id from {RecipientsFileReader.FileName}, or an e-mail address");
            return null;
        }
        var known = recipients.Names.ToList();
        var knownList = known.Count > 0 ? string.Join(", ", known) : $"none ({RecipientsFileReader.FileName} is missing or lists nobody)";
        cursor.Report($"unknown recipient '{name}'{NameSuggestions.DidYouMean(name, known)}: expected a person or channel id from " +
                      $"{RecipientsFileReader.FileName} (known: {knownList}), an e-mail address, or a role ({RoleList})");
        return null;
    }

    /// <summary>
    /// The role a name was probably meant to be: close to a role (<c>asignee</c>), or sharing a word with one
    /// (<c>team-lead</c>, <c>managers</c>). Such a name gets the list of roles rather than the list of people.
    /// </summary>
    private static string? RoleLike(string name)
    {
        var roles = RecipientRef.Roles.Keys.ToList();
        if (NameSuggestions.Closest(name, roles) is { } close) return close;
        var words = name.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        return roles.FirstOrDefault(role => role.Split('-').Any(roleWord =>
            words.Any(word => word.StartsWith(roleWord, StringComparison.OrdinalIgnoreCase))));
    }
}
