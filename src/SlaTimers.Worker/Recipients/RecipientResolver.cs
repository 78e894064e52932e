using SlaTimers.Core.Agreements;
using SlaTimers.Core.Recipients;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Worker.Recipients;

/// <summary>
/// Resolves a checkpoint's recipients (roles and names) against the ticket and the recipients file. Whoever
/// cannot be found becomes an <see cref="RecipientKind.Unresolved"/> recipient with the reason, so the failure is
/// recorded (and visible) instead of silently dropping a warning; the others are resolved as usual.
/// </summary>
public static class RecipientResolver
{
    /// <summary>Every recipient of <paramref name="recipients"/>, each once (the first mention wins), in order.</summary>
    /// <param name="defaultLanguage">The language of a bare e-mail address, which has none of its own.</param>
    public static IReadOnlyList<ResolvedRecipient> Resolve(
        IEnumerable<RecipientRef> recipients, TicketFields fields, RecipientDirectory directory, string defaultLanguage)
    {
        var resolved = new List<ResolvedRecipient>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var recipient in recipients)
        {
            foreach (var one in ResolveOne(recipient, fields, directory, defaultLanguage))
            {
                if (seen.Add(one.Id)) resolved.Add(one);
            }
        }
        return resolved;
    }

    /// <summary>A recipient again from its <see cref="ResolvedRecipient.Id"/>, when a notification is delivered.</summary>
    public static ResolvedRecipient FromId(string id, RecipientDirectory directory, string defaultLanguage)
    {
        if (id.StartsWith(RecipientIds.PersonPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var personId = id[RecipientIds.PersonPrefix.Length..];
            return directory.FindPerson(personId) is { } person
                ? ResolvedRecipient.ForPerson(person)
                : ResolvedRecipient.Unresolved(id, $"the person '{personId}' is no longer in recipients.json", defaultLanguage);
        }
        if (id.StartsWith(RecipientIds.ChannelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var channelId = id[RecipientIds.ChannelPrefix.Length..];
            return directory.FindChannel(channelId) is { } channel
                ? ResolvedRecipient.ForChannel(channel)
                : ResolvedRecipient.Unresolved(id, $"the channel '{channelId}' is no longer in recipients.json", defaultLanguage);
        }
        if (id.StartsWith(RecipientIds.EmailPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ResolvedRecipient.ForAddress(id[RecipientIds.EmailPrefix.Length..], defaultLanguage);
        }
        return ResolvedRecipient.Unresolved(id, $"'{id}' names no recipient", defaultLanguage);
    }

    private static IEnumerable<ResolvedRecipient> ResolveOne(RecipientRef recipient, TicketFields fields, RecipientDirectory directory, string language)
    {
        switch (recipient.Role)
        {
            case RecipientRole.Assignee when string.IsNullOrWhiteSpace(fields.Assignee) && fields.Group is not null:
                // An unassigned ticket (every new one) has nobody of its own to warn: its group answers for it, as
                // a helpdesk's unassigned queue is the group's. Listing both roles, as most checkpoints do, warns each once.
                foreach (var one in ResolveOne(new RecipientRef(RecipientRole.Group, null), fields, directory, language)) yield return one;
                break;
            case RecipientRole.Assignee:
                yield return Assignee(fields.Assignee, directory, language);
                break;
            case RecipientRole.Group:
                if (Group(fields.Group, directory, "group", language, out var unresolved) is not { } group)
                {
                    yield return unresolved!;
                    break;
                }
                if (group.Members.IsEmpty)
                {
                    yield return ResolvedRecipient.Unresolved($"group:{group.Name}", $"the group '{group.Name}' has no members in recipients.json", language);
                }
                foreach (var member in group.Members) yield return PersonOf(member, $"a member of the group '{group.Name}'", language);
                break;
            case RecipientRole.GroupLead:
            case RecipientRole.Manager:
                var role = recipient.Role == RecipientRole.GroupLead ? "group-lead" : "manager";
                if (Group(fields.Group, directory, role, language, out unresolved) is not { } led)
                {
                    yield return unresolved!;
                    break;
                }
                var personId = recipient.Role == RecipientRole.GroupLead ? led.Lead : led.Manager;
                yield return personId is null
                    ? ResolvedRecipient.Unresolved($"{role}:{led.Name}", $"the group '{led.Name}' has no {(role == "manager" ? "manager" : "lead")} in recipients.json", language)
                    : PersonOf(personId, $"the {(role == "manager" ? "manager" : "lead")} of the group '{led.Name}'", language);
                break;
            default:
                yield return Named(recipient.Name ?? "", directory, language);
                break;
        }

        ResolvedRecipient PersonOf(string personId, string what, string lang) => directory.FindPerson(personId) is { } person
            ? ResolvedRecipient.ForPerson(person)
            : ResolvedRecipient.Unresolved($"person:{personId}", $"{what}, '{personId}', is not a person in recipients.json", lang);
    }

    private static ResolvedRecipient Assignee(string? assignee, RecipientDirectory directory, string language)
    {
        if (string.IsNullOrWhiteSpace(assignee))
        {
            return ResolvedRecipient.Unresolved("assignee", "the ticket has no assignee and no group", language);
        }
        if (directory.FindByHelpdeskId(assignee) is { } person) return ResolvedRecipient.ForPerson(person);
        return RecipientDirectory.LooksLikeEmail(assignee)
            ? ResolvedRecipient.ForAddress(assignee, language)
            : ResolvedRecipient.Unresolved($"assignee:{assignee}",
                $"the assignee '{assignee}' is not in recipients.json (no person has it among their helpdeskIds)", language);
    }

    private static RecipientGroup? Group(string? name, RecipientDirectory directory, string role, string language, out ResolvedRecipient? unresolved)
    {
        unresolved = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            unresolved = ResolvedRecipient.Unresolved(role, $"the ticket has no group, so it has no {role}", language);
            return null;
        }
        if (directory.FindGroup(name) is { } group) return group;
        unresolved = ResolvedRecipient.Unresolved($"{role}:{name}", $"the ticket's group '{name}' is not in recipients.json", language);
        return null;
    }

    private static ResolvedRecipient Named(string name, RecipientDirectory directory, string language)
    {
        if (directory.FindPerson(name) is { } person) return ResolvedRecipient.ForPerson(person);
        if (directory.FindChannel(name) is { } channel) return ResolvedRecipient.ForChannel(channel);
        if (RecipientDirectory.LooksLikeEmail(name)) return ResolvedRecipient.ForAddress(name, language);
        return ResolvedRecipient.Unresolved(name, $"'{name}' is not a person, channel or e-mail address in recipients.json", language);
    }
}
