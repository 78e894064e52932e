using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests;

public class SlaConfigurationLoaderTests
{
    [Fact]
    public void Missing_calendars_folder_gives_only_the_built_in_24x7()
    {
        using var folder = new TempConfigFolder();

        var result = folder.Load();

        Assert.True(result.IsValid);
        Assert.Equal(["24x7"], result.GetOrThrow().Calendars.All.Select(c => c.Id));
    }

    [Fact]
    public void Empty_calendars_folder_gives_only_the_built_in_24x7()
    {
        using var folder = new TempConfigFolder();
        Directory.CreateDirectory(folder.FullPath("calendars"));

        var configuration = folder.Load().GetOrThrow();

        Assert.Same(BusinessCalendar.AlwaysOpen, Assert.Single(configuration.Calendars.All));
        Assert.Equal(folder.Root, configuration.Directory);
    }

    [Fact]
    public void Missing_config_folder_is_a_problem_not_an_empty_configuration()
    {
        var missing = Path.Combine(Path.GetTempPath(), "slatimers-no-such-folder-" + Guid.NewGuid());

        var result = SlaConfigurationLoader.Load(missing);

        ProblemAssert.Single(result, ".", "$", missing, "does not exist");
    }

    [Fact]
    public void Valid_calendar_is_in_the_catalog_with_its_id_name_and_time_zone()
    {
        using var folder = new TempConfigFolder().Calendar("nl.json", CalendarJson.Make(id: "nl-desk"));

        var calendar = folder.Load().GetOrThrow().Calendars.Get("nl-desk");

        Assert.Equal("Test desk", calendar.Definition.Name);
        Assert.Equal("Europe/Amsterdam", calendar.Zone.Id);
        Assert.True(folder.Load().GetOrThrow().Calendars.TryGet("24x7", out _));
    }

    [Fact]
    public void Every_problem_in_every_file_is_reported_not_only_the_first()
    {
        using var folder = new TempConfigFolder()
            .Calendar("a.json", CalendarJson.Make(id: "a", timeZone: "\"Mars/Olympus\"", week: """{ "monday": ["25:00-17:00"] }"""))
            .Calendar("b.json", CalendarJson.Make(id: "b", holidays: """[{ "yearly": "13-01" }]"""))
            .Calendar("c.json", CalendarJson.Make(id: "c"));

        var result = folder.Load();

        Assert.Null(result.Configuration);
        Assert.Equal(
            [("calendars/a.json", "$.timeZone"), ("calendars/a.json", "$.week.monday[0]"), ("calendars/b.json", "$.holidays[0].yearly")],
            result.Problems.Select(p => (p.File, p.JsonPath)));
    }

    [Fact]
    public void GetOrThrow_on_an_invalid_folder_lists_every_problem_in_the_exception()
    {
        using var folder = new TempConfigFolder().Calendar("a.json", CalendarJson.Monday("\"25:00-17:00\"", "\"08:00\""));

        var exception = Assert.Throws<ConfigurationInvalidException>(() => folder.Load().GetOrThrow());

        Assert.Equal(2, exception.Problems.Length);
        Assert.Contains("calendars/a.json: $.week.monday[0]: '25:00' is not a time", exception.Message, StringComparison.Ordinal);
        Assert.Contains("calendars/a.json: $.week.monday[1]: '08:00' is not an interval", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_calendars_recipients_and_agreements_is_reported_in_one_run()
    {
        using var folder = new TempConfigFolder()
            .Calendar("desk.json", CalendarJson.Make(id: "desk", timeZone: "\"Mars/Olympus\""))
            .Recipients(RecipientsJson.WithPeople("""{ "p": { "name": "P", "email": "p@example.nl", "quietHours": "nowhere" } }"""))
            .Agreement("a.json", AgreementJson.WithTarget(calendar: "elsewhere", checkpoints: """[{ "at": "+0", "notify": ["q"] }]"""))
            .Agreement("b.json", AgreementJson.Make(id: "b", kind: "internal"));

        var result = folder.Load();

        Assert.Null(result.Configuration);
        Assert.Equal(
            [
                ("agreements/a.json", "$.policies[0].targets.firstResponse.calendar"),
                ("agreements/a.json", "$.policies[0].targets.firstResponse.checkpoints[0].notify[0]"),
                ("agreements/b.json", "$.group"),
                ("calendars/desk.json", "$.timeZone"),
                ("recipients.json", "$.people.p.quietHours"),
            ],
            result.Problems.Select(p => (p.File, p.JsonPath)));
    }

    [Fact]
    public void Valid_folder_gives_agreements_recipients_and_the_rules_for_clock_evaluation()
    {
        using var folder = new TempConfigFolder()
            .Calendar("desk.json", CalendarJson.Make(id: "desk"))
            .Recipients(RecipientsJson.Make())
            .Agreement("b.json", AgreementJson.Make(id: "b"))
            .Agreement("a.json", AgreementJson.Make(id: "a", kind: "internal", top: """ "group": "Servicedesk", """));

        var configuration = folder.Load().GetOrThrow();

        Assert.Equal(["a", "b"], configuration.Agreements.Select(a => a.Id));
        Assert.Equal(["j.devries", "m.jansen"], configuration.Recipients.People.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(configuration.Agreements, configuration.Rules.Agreements);
        Assert.Same(configuration.Calendars, configuration.Rules.Calendars);
    }

    [Fact]
    public void Configuration_of_calendars_only_has_no_agreements_and_no_recipients()
    {
        var configuration = new SlaConfiguration("/config", BusinessCalendarCatalog.BuiltInOnly);

        Assert.Empty(configuration.Agreements);
        Assert.Empty(configuration.Recipients.People);
        Assert.Empty(configuration.Rules.Agreements);
    }
}
