namespace SlaTimers.Configuration.Tests;

/// <summary>A valid recipients file in which a test replaces the section it is about.</summary>
internal static class RecipientsJson
{
    public const string File = "recipients.json";

    public const string People = """
        {
          "j.devries": { "name": "Jan de Vries", "email": "j.devries@example.nl", "language": "nl", "helpdeskIds": ["zendesk:1"] },
          "m.jansen": { "name": "Mark Jansen", "teamsUserId": "00000000-0000-0000-0000-000000000101" }
        }
        """;

    public const string Groups = """{ "Servicedesk": { "members": ["j.devries"], "lead": "m.jansen", "manager": "m.jansen", "channel": "desk-channel" } }""";

    public const string Channels = """{ "desk-channel": { "type": "teams-webhook", "target": "env:DESK_WEBHOOK", "language": "nl" } }""";

    public static string Make(string people = People, string groups = Groups, string channels = Channels) =>
        $$"""
        {
          "people": {{people}},
          "groups": {{groups}},
          "channels": {{channels}}
        }
        """;

    /// <summary>A file with these people only (a JSON object keyed by person id).</summary>
    public static string WithPeople(string people) => Make(people: people, groups: "{}", channels: "{}");
}
