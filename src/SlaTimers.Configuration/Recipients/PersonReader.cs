using SlaTimers.Configuration.Calendars;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration.Recipients;

/// <summary>
/// Reads one entry of <c>people</c>: <c>"j.devries": { "name": "Jan de Vries", "email": "…", "language": "nl",
/// "quietHours": "nl-servicedesk", "helpdeskIds": ["zendesk:381245001"] }</c>.
/// </summary>
internal static class PersonReader
{
    private static readonly string[] PropertyNames = ["name", "email", "teamsUserId", "language", "quietHours", "helpdeskIds"];

    private const string Expected =
        "a person like { \"name\": \"Jan de Vries\", \"email\": \"j.devries@example.nl\", \"language\": \"nl\" }";

    public static Person? Read(string id, JsonCursor entry, CalendarReferences calendars)
    {
        var problemsBefore = entry.File.ProblemCount;
        var fields = entry.ReadObject(Expected, PropertyNames);
        if (fields is null) return null;

        var name = fields.RequiredString("name", "the person's name as notifications show it, e.g. \"Jan de Vries\"");
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            fields.Optional("name")!.Value.Report("the name is empty: give the person's name, e.g. \"Jan de Vries\"");
        }
        var email = ReadEmail(fields.Optional("email"));
        var teamsUserId = ReadTeamsUserId(fields.Optional("teamsUserId"));
        if (!fields.Has("email") && !fields.Has("teamsUserId"))
        {
            entry.Report($"'{id}' has no address: give 'email' (for mail) or 'teamsUserId' (for Teams), or both");
        }
        var language = Languages.Read(fields.Optional("language"));
        var quietHours = fields.Optional("quietHours") is { } quiet && quiet.ReadString("a calendar id like \"nl-servicedesk\"") is { } calendarId
            ? calendars.Check(quiet, calendarId)
            : null;
        var helpdeskIds = fields.Optional("helpdeskIds")?.ReadStrings(
            "the person's ids in the helpdesks, like [\"zendesk:381245001\"]", "a helpdesk id like \"zendesk:381245001\"") ?? [];

        if (entry.File.ProblemCount > problemsBefore || name is null || language is null) return null;
        return new Person(id, name.Trim(), email, teamsUserId, language, quietHours, [.. helpdeskIds.Select(h => h.Text)]);
    }

    private static string? ReadEmail(JsonCursor? cursor)
    {
        var email = cursor?.ReadString("an e-mail address like \"j.devries@example.nl\"")?.Trim();
        if (email is null || RecipientDirectory.LooksLikeEmail(email)) return email;
        cursor!.Value.Report($"'{email}' is not an e-mail address: expected one like \"j.devries@example.nl\"");
        return null;
    }

    private static string? ReadTeamsUserId(JsonCursor? cursor)
    {
        var id = cursor?.ReadString("the person's Microsoft Entra user id, like \"00000000-0000-0000-0000-000000000101\"")?.Trim();
        if (id is null || id.Length > 0) return id;
        cursor!.Value.Report("the Teams user id is empty: give the person's Microsoft Entra user id, or leave 'teamsUserId' out");
        return null;
    }
}
