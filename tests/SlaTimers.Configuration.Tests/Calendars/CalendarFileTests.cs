namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary>The calendar file as a whole: id, time zone, JSON syntax, property names and types.</summary>
public class CalendarFileTests
{
    private const string File = "calendars/desk.json";

    private static ConfigLoadResult Load(string json)
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", json);
        return folder.Load();
    }

    [Theory]
    [InlineData("Amsterdam", "did you mean 'Europe/Amsterdam'?")]
    [InlineData("europe/amsterdam", "did you mean 'Europe/Amsterdam'?")]
    [InlineData("Europe/Amsterdm", "did you mean 'Europe/Amsterdam'?")]
    [InlineData("New York", "did you mean 'America/New_York'?")]
    [InlineData("W. Europe Standard Time", "its IANA id is 'Europe/Berlin'")]
    [InlineData("Mars/Olympus", "expected an IANA time zone id like 'Europe/Amsterdam'")]
    public void Unknown_time_zone_is_reported_with_the_IANA_form(string zone, string hint)
    {
        var result = Load(CalendarJson.Make(timeZone: $"\"{zone}\""));

        ProblemAssert.Single(result, File, "$.timeZone", $"unknown time zone '{zone}'", hint, "expected an IANA time zone id");
    }

    [Fact]
    public void Missing_time_zone_is_reported_where_it_belongs()
    {
        var result = Load("""{ "id": "desk", "week": { "monday": ["09:00-17:00"] } }""");

        ProblemAssert.Single(result, File, "$.timeZone", "'timeZone' is missing", "Europe/Amsterdam");
    }

    [Fact]
    public void Missing_id_is_reported()
    {
        var result = Load("""{ "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] } }""");

        ProblemAssert.Single(result, File, "$.id", "'id' is missing", "nl-servicedesk");
    }

    [Theory]
    [InlineData("24x7")]
    [InlineData("24X7")]
    public void Reserved_id_24x7_is_refused(string id)
    {
        var result = Load(CalendarJson.Make(id: id));

        ProblemAssert.Single(result, File, "$.id", $"the id '{id}' is reserved", "choose another id");
    }

    [Fact]
    public void Id_with_spaces_is_refused_with_the_allowed_characters()
    {
        var result = Load(CalendarJson.Make(id: "nl servicedesk"));

        ProblemAssert.Single(result, File, "$.id", "'nl servicedesk' is not a valid calendar id", "letters, digits, '-', '_' and '.'");
    }

    [Fact]
    public void Duplicate_id_across_files_names_both_files()
    {
        using var folder = new TempConfigFolder()
            .Calendar("a.json", CalendarJson.Make(id: "desk"))
            .Calendar("b.json", CalendarJson.Make(id: "desk"));

        var result = folder.Load();

        ProblemAssert.Single(result, "calendars/b.json", "$.id", "'desk' is already used by calendars/a.json", "calendars/b.json", "its own id");
    }

    [Fact]
    public void Ids_that_differ_only_in_case_are_duplicates()
    {
        using var folder = new TempConfigFolder()
            .Calendar("a.json", CalendarJson.Make(id: "desk"))
            .Calendar("b.json", CalendarJson.Make(id: "Desk"));

        var result = folder.Load();

        ProblemAssert.Single(result, "calendars/b.json", "$.id", "'Desk' is already used (as 'desk') by calendars/a.json");
    }

    [Theory]
    [InlineData("weeek", "week")]
    [InlineData("timezone", "timeZone")]
    [InlineData("holiday", "holidays")]
    [InlineData("overide", "overrides")]
    public void Unknown_property_suggests_the_right_name(string typo, string meant)
    {
        var result = Load($$"""{ "id": "desk", "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "{{typo}}": [] }""");

        ProblemAssert.Single(result, File, $"$.{typo}",
            $"unknown property '{typo}' (did you mean '{meant}'?)", "expected one of id, name, timeZone, week, holidays, overrides, businessDay");
    }

    [Fact]
    public void Misspelt_week_is_reported_and_so_is_the_calendar_that_is_then_never_open()
    {
        var result = Load("""{ "id": "desk", "timeZone": "UTC", "weeek": { "monday": ["09:00-17:00"] } }""");

        Assert.Equal(2, result.Problems.Length);
        ProblemAssert.Contains(result, File, "$.weeek", "did you mean 'week'?");
        ProblemAssert.Contains(result, File, "$.week", "never open");
    }

    [Fact]
    public void Weekday_given_as_a_string_instead_of_a_list_shows_the_list_form()
    {
        var result = Load(CalendarJson.Make(week: """{ "monday": "08:00-17:00", "tuesday": ["08:00-17:00"] }"""));

        ProblemAssert.Single(result, File, "$.week.monday",
            "expected a list of opening intervals", "found the string \"08:00-17:00\"", "write a list even for one value: [\"08:00-17:00\"]");
    }

    [Theory]
    [InlineData("""{ "id": 42, "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] } }""", "$.id", "found the number 42")]
    [InlineData("""{ "id": "d", "timeZone": "UTC", "week": ["09:00-17:00"] }""", "$.week", "found an array")]
    [InlineData("""{ "id": "d", "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] }, "holidays": { "country": "NL" } }""", "$.holidays", "found an object")]
    [InlineData("""{ "id": "d", "timeZone": "UTC", "week": { "monday": [900] } }""", "$.week.monday[0]", "found the number 900")]
    [InlineData("""{ "id": "d", "timeZone": null, "week": { "monday": ["09:00-17:00"] } }""", "$.timeZone", "found null")]
    public void Wrong_json_type_says_what_was_expected_and_what_was_found(string json, string path, string found)
    {
        var problem = ProblemAssert.Single(Load(json), File, path, found);

        Assert.StartsWith("expected ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_line_and_position()
    {
        var result = Load("""
            {
              "id": "desk",
              "timeZone": "UTC"
              "week": { "monday": ["09:00-17:00"] }
            }
            """);

        ProblemAssert.Single(result, File, "$", "is not valid JSON at line 4, position 3", "missing comma");
    }

    [Fact]
    public void Empty_file_is_malformed_json()
    {
        ProblemAssert.Single(Load(""), File, "$", "is not valid JSON at line 1, position 1");
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_because_admins_edit_by_hand()
    {
        var result = Load("""
            {
              // Amsterdam desk
              "id": "desk", "timeZone": "UTC",
              "week": { "monday": ["09:00-17:00"], },
            }
            """);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void File_that_is_not_an_object_is_reported()
    {
        ProblemAssert.Single(Load("""["desk"]"""), File, "$", "expected a calendar like", "found an array");
    }

    [Fact]
    public void Calendar_without_weekly_hours_or_override_hours_is_never_open()
    {
        var result = Load(CalendarJson.Make(week: """{ "saturday": [], "sunday": [] }""",
            overrides: """[{ "date": "2026-12-24", "hours": [] }]"""));

        ProblemAssert.Single(result, File, "$.week", "the calendar is never open", "no weekly hours and no override with hours");
    }

    [Fact]
    public void Calendar_without_week_but_with_an_override_with_hours_is_valid()
    {
        var result = Load("""
            { "id": "desk", "timeZone": "UTC", "overrides": [{ "date": "2027-01-02", "hours": ["10:00-14:00"] }] }
            """);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Property_given_twice_is_reported_at_the_second()
    {
        var result = Load(CalendarJson.Make(week: """{ "monday": ["09:00-17:00"], "monday": ["10:00-12:00"] }"""));

        ProblemAssert.Single(result, File, "$.week.monday", "'monday' is given twice");
    }

    [Fact]
    public void Name_defaults_to_the_id()
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", """{ "id": "desk", "timeZone": "UTC", "week": { "monday": ["09:00-17:00"] } }""");

        Assert.Equal("desk", folder.Load().GetOrThrow().Calendars.Get("desk").Definition.Name);
    }
}
