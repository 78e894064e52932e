using SlaTimers.Core.Recipients;

namespace SlaTimers.Configuration.Tests.Recipients;

/// <summary><c>recipients.json</c>: people, groups and channels, and the references between them and to calendars.</summary>
public class RecipientsFileTests
{
    private const string File = RecipientsJson.File;

    private static ConfigLoadResult Load(string json)
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", CalendarJson.Make(id: "desk")).Recipients(json);
        return folder.Load();
    }

    private static RecipientDirectory LoadDirectory(string json) => Load(json).GetOrThrow().Recipients;

    [Fact]
    public void Missing_recipients_file_gives_an_empty_directory()
    {
        using var folder = new TempConfigFolder();

        var recipients = folder.Load().GetOrThrow().Recipients;

        Assert.Empty(recipients.People);
        Assert.Empty(recipients.Groups);
        Assert.Empty(recipients.Channels);
    }

    [Fact]
    public void People_groups_and_channels_map_to_the_directory()
    {
        var recipients = LoadDirectory(RecipientsJson.Make(people: """
            {
              "j.devries": { "name": "Jan de Vries", "email": "j.devries@example.nl", "language": "NL", "quietHours": "desk", "helpdeskIds": ["zendesk:1"] },
              "m.jansen": { "name": "Mark Jansen", "teamsUserId": "00000000-0000-0000-0000-000000000101" }
            }
            """));

        var jan = recipients.FindPerson("j.devries")!;
        Assert.Equal(("Jan de Vries", "j.devries@example.nl", (string?)null, "nl", "desk"), (jan.Name, jan.Email, jan.TeamsUserId, jan.Language, jan.QuietHoursCalendarId));
        Assert.Equal<string>(["zendesk:1"], jan.HelpdeskIds);
        Assert.Same(jan, recipients.FindByHelpdeskId("zendesk:1"));
        var mark = recipients.FindPerson("m.jansen")!;
        Assert.Equal(("en", (string?)null, "00000000-0000-0000-0000-000000000101"), (mark.Language, mark.Email, mark.TeamsUserId));

        var group = recipients.FindGroup("servicedesk")!;
        Assert.Equal(("Servicedesk", "m.jansen", "m.jansen", "desk-channel"), (group.Name, group.Lead, group.Manager, group.Channel));
        Assert.Equal<string>(["j.devries"], group.Members);

        Assert.Equal(new NotificationChannel("desk-channel", "teams-webhook", "env:DESK_WEBHOOK", "nl"), recipients.FindChannel("desk-channel"));
    }

    [Fact]
    public void Quiet_hours_referencing_an_unknown_calendar_is_refused()
    {
        var result = Load(RecipientsJson.WithPeople("""{ "p": { "name": "P", "email": "p@example.nl", "quietHours": "nl-desk" } }"""));

        ProblemAssert.Single(result, File, "$.people.p.quietHours", "unknown calendar 'nl-desk'", "known calendars: 24x7, desk");
    }

    [Fact]
    public void Person_without_email_or_teams_id_is_refused()
    {
        var result = Load(RecipientsJson.WithPeople("""{ "p": { "name": "P" } }"""));

        ProblemAssert.Single(result, File, "$.people.p", "'p' has no address", "'email'", "'teamsUserId'");
    }

    [Theory]
    [InlineData("""{ "email": "p@example.nl" }""", "$.people.p.name", "'name' is missing")]
    [InlineData("""{ "name": "P", "email": "p at example.nl" }""", "$.people.p.email", "'p at example.nl' is not an e-mail address")]
    [InlineData("""{ "name": "P", "email": "p@example.nl", "language": "de" }""", "$.people.p.language", "unsupported language 'de'")]
    [InlineData("""{ "name": "P", "email": "p@example.nl", "language": "nld" }""", "$.people.p.language", "(did you mean 'nl'?)")]
    [InlineData("""{ "name": "P", "email": "p@example.nl", "helpdeskIds": "zendesk:1" }""", "$.people.p.helpdeskIds", "write a list even for one value")]
    [InlineData("""{ "name": "P", "emial": "p@example.nl" }""", "$.people.p.emial", "did you mean 'email'?")]
    public void Malformed_person_says_what_is_wrong(string person, string path, string message)
    {
        var result = Load(RecipientsJson.WithPeople($$"""{ "p": {{person}} }"""));

        ProblemAssert.Contains(result, File, path, message);
    }

    [Fact]
    public void Person_ids_that_differ_only_in_case_are_duplicates()
    {
        var result = Load(RecipientsJson.WithPeople("""{ "j.devries": { "name": "J", "email": "a@example.nl" }, "J.deVries": { "name": "J", "email": "b@example.nl" } }"""));

        ProblemAssert.Single(result, File, "$.people['J.deVries']", "the person id 'J.deVries' is given twice (as 'j.devries')");
    }

    [Fact]
    public void Person_id_that_is_a_role_is_refused()
    {
        var result = Load(RecipientsJson.WithPeople("""{ "manager": { "name": "M", "email": "m@example.nl" } }"""));

        ProblemAssert.Single(result, File, "$.people.manager", "'manager' is a role in checkpoints", "choose another person id");
    }

    [Fact]
    public void Helpdesk_id_of_two_people_is_refused()
    {
        var result = Load(RecipientsJson.WithPeople("""
            { "a": { "name": "A", "email": "a@example.nl", "helpdeskIds": ["zendesk:1"] },
              "b": { "name": "B", "email": "b@example.nl", "helpdeskIds": ["ZENDESK:1"] } }
            """));

        ProblemAssert.Single(result, File, "$.people.b.helpdeskIds[0]", "'ZENDESK:1' already identifies the person 'a'");
    }

    [Fact]
    public void Group_referencing_unknown_people_and_channel_is_refused_at_each_reference()
    {
        var result = Load(RecipientsJson.Make(groups: """{ "Servicedesk": { "members": ["j.devries", "s.bakker"], "lead": "m.janssen", "channel": "desk" } }"""));

        Assert.Equal(3, result.Problems.Length);
        ProblemAssert.Contains(result, File, "$.groups.Servicedesk.members[1]", "unknown person 's.bakker'", "known people: j.devries, m.jansen");
        ProblemAssert.Contains(result, File, "$.groups.Servicedesk.lead", "unknown person 'm.janssen' (did you mean 'm.jansen'?)");
        ProblemAssert.Contains(result, File, "$.groups.Servicedesk.channel", "unknown channel 'desk' (did you mean 'desk-channel'?)");
    }

    [Fact]
    public void Channel_named_as_a_group_member_says_it_is_a_channel()
    {
        var result = Load(RecipientsJson.Make(groups: """{ "Servicedesk": { "members": ["desk-channel"] } }"""));

        ProblemAssert.Single(result, File, "$.groups.Servicedesk.members[0]", "unknown person 'desk-channel' ('desk-channel' is a channel");
    }

    [Fact]
    public void Channel_with_the_id_of_a_person_is_refused()
    {
        var result = Load(RecipientsJson.Make(groups: "{}", channels: """{ "j.devries": { "type": "smtp", "target": "desk@example.nl" } }"""));

        ProblemAssert.Single(result, File, "$.channels['j.devries']", "'j.devries' is already a person id", "give the channel another id");
    }

    [Theory]
    [InlineData("""{ "type": "slack", "target": "x" }""", "$.channels.c.type", "unknown channel type 'slack'", "teams-webhook, smtp, graph-mail, teams, pickup")]
    [InlineData("""{ "type": "teams-webhok", "target": "env:X" }""", "$.channels.c.type", "did you mean 'teams-webhook'?", "")]
    [InlineData("""{ "type": "teams-webhook" }""", "$.channels.c.target", "'target' is missing", "env:")]
    [InlineData("""{ "type": "teams-webhook", "target": "https://prod.example.com/workflows/abc?sig=secret" }""", "$.channels.c.target", "a Teams webhook URL is a secret", "\"env:SLATIMERS_TEAMS_WEBHOOK\"")]
    [InlineData("""{ "type": "teams-webhook", "target": "env:1BAD" }""", "$.channels.c.target", "'1BAD' is not an environment variable name", "")]
    [InlineData("""{ "type": "smtp", "target": "servicedesk" }""", "$.channels.c.target", "'servicedesk' is not an e-mail address", "smtp")]
    [InlineData("""{ "type": "pickup", "target": "" }""", "$.channels.c.target", "the target is empty", "")]
    [InlineData("""{ "type": "pickup", "target": "mail-out", "language": "fr" }""", "$.channels.c.language", "unsupported language 'fr'", "")]
    public void Malformed_channel_says_what_is_wrong(string channel, string path, string message, string hint)
    {
        var result = Load(RecipientsJson.Make(groups: "{}", channels: $$"""{ "c": {{channel}} }"""));

        ProblemAssert.Single(result, File, path, message, hint);
    }

    [Fact]
    public void Environment_target_is_kept_unresolved_for_send_time()
    {
        var channel = LoadDirectory(RecipientsJson.Make(groups: "{}", channels: """{ "c": { "type": "smtp", "target": "env:DESK_ADDRESS" } }""")).FindChannel("c")!;

        Assert.Equal(("env:DESK_ADDRESS", "en"), (channel.Target, channel.Language));
    }

    [Fact]
    public void Unknown_section_suggests_the_right_name()
    {
        var result = Load("""{ "peple": {} }""");

        ProblemAssert.Single(result, File, "$.peple", "unknown property 'peple' (did you mean 'people'?)");
    }

    [Fact]
    public void Unreadable_recipients_file_is_reported_once_not_again_at_every_checkpoint_that_names_someone()
    {
        using var folder = new TempConfigFolder()
            .Recipients("""{ "people": { "j.devries": { "name": "Jan" } """)
            .Agreement(AgreementJson.FileName, AgreementJson.WithCheckpoint("+0", """["j.devries"]"""));

        var result = folder.Load();

        ProblemAssert.Single(result, File, "$", "is not valid JSON");
    }
}
