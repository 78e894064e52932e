using NodaTime;
using SlaTimers.Configuration.Calendars;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary>Entries of <c>holidays</c>: country, date, yearly and their names.</summary>
public class HolidayEntryTests
{
    private const string File = "calendars/desk.json";

    private static ConfigLoadResult Load(string holidays)
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", CalendarJson.Make(holidays: holidays));
        return folder.Load();
    }

    private static BusinessCalendar LoadCalendar(string holidays) => Load(holidays).GetOrThrow().Calendars.Get("test");

    [Fact]
    public void Unknown_country_lists_the_supported_codes()
    {
        var result = Load("""[{ "country": "XX" }]""");

        ProblemAssert.Single(result, File, "$.holidays[0].country",
            "'XX' is not a supported country", "ISO 3166 alpha-2", "BE, ", "DE, ", "FR, ", "GB, ", "IE, ", "NL, ", "US, ");
    }

    [Fact]
    public void Three_letter_country_code_asks_for_the_two_letter_one()
    {
        ProblemAssert.Single(Load("""[{ "country": "NLD" }]"""), File, "$.holidays[0].country", "use the two-letter code");
    }

    [Theory]
    [InlineData("nl", "NL")]
    [InlineData("UK", "GB")]
    [InlineData("gb-sct", "GB-SCT")]
    public void Country_codes_are_read_in_any_case_and_UK_means_GB(string written, string code)
    {
        var source = Assert.IsType<CountryHolidaySource>(Assert.Single(LoadCalendar($$"""[{ "country": "{{written}}" }]""").Definition.Holidays));

        Assert.Equal(code, source.CountryCode);
    }

    [Fact]
    public void Country_holidays_close_the_calendar_on_those_dates()
    {
        var calendar = LoadCalendar("""[{ "country": "NL" }]""");

        var kingsDay = Assert.Single(calendar.DaysIn(2027), d => d.Date == new LocalDate(2027, 4, 27));
        Assert.Equal(CalendarDayKind.Holiday, kingsDay.Kind);
        Assert.Equal("Koningsdag", kingsDay.Name);
    }

    [Fact]
    public void Impossible_date_says_how_many_days_the_month_has()
    {
        var result = Load("""[{ "date": "2026-02-30", "name": "Closure" }]""");

        ProblemAssert.Single(result, File, "$.holidays[0].date", "'2026-02-30' is not a date", "February 2026 has 28 days", "yyyy-MM-dd");
    }

    [Theory]
    [InlineData("31-12-2026", "expected yyyy-MM-dd, e.g. 2026-12-31")]
    [InlineData("2026-13-01", "there is no month 13")]
    [InlineData("12-24", "for the same date every year use \"yearly\"")]
    public void Wrongly_written_date_shows_the_right_form(string date, string hint)
    {
        ProblemAssert.Single(Load($$"""[{ "date": "{{date}}" }]"""), File, "$.holidays[0].date", $"'{date}' is not a date", hint);
    }

    [Fact]
    public void Yearly_with_month_13_is_not_a_month_and_day()
    {
        var result = Load("""[{ "country": "NL" }, { "date": "2026-12-31" }, { "yearly": "13-01", "name": "Odd" }]""");

        ProblemAssert.Single(result, File, "$.holidays[2].yearly", "'13-01' is not a month and day", "month from 01 to 12", "MM-DD");
    }

    [Theory]
    [InlineData("02-30", "February has at most 29 days")]
    [InlineData("04-31", "April has at most 30 days")]
    [InlineData("2026-12-24", "for one date only use \"date\"")]
    [InlineData("12/24", "expected MM-DD")]
    public void Wrong_yearly_date_shows_the_right_form(string yearly, string hint)
    {
        ProblemAssert.Single(Load($$"""[{ "yearly": "{{yearly}}" }]"""), File, "$.holidays[0].yearly", $"'{yearly}' is not a month and day", hint);
    }

    [Fact]
    public void Yearly_02_29_is_allowed_and_applies_in_leap_years_only()
    {
        var calendar = LoadCalendar("""[{ "yearly": "02-29", "name": "Leap day" }]""");

        Assert.Contains(calendar.DaysIn(2028), d => d.Date == new LocalDate(2028, 2, 29) && d.Name == "Leap day");
        Assert.Empty(calendar.DaysIn(2027));
    }

    [Fact]
    public void Dates_and_yearly_dates_without_a_name_get_a_default_name()
    {
        var calendar = LoadCalendar("""[{ "date": "2026-12-31" }, { "yearly": "12-24" }]""");

        Assert.Equal([("Holiday", new LocalDate(2026, 12, 24)), ("Closure", new LocalDate(2026, 12, 31))],
            calendar.DaysIn(2026).Select(d => (d.Name, d.Date)));
    }

    [Fact]
    public void Entry_without_a_kind_lists_the_kinds()
    {
        ProblemAssert.Single(Load("""[{ "name": "Closure" }]"""), File, "$.holidays[0]", "has none of 'country', 'date', 'yearly' or 'ics'");
    }

    [Fact]
    public void Entry_with_two_kinds_asks_for_one()
    {
        ProblemAssert.Single(Load("""[{ "date": "2026-12-31", "yearly": "12-31" }]"""), File, "$.holidays[0]",
            "has both 'date' and 'yearly'", "exactly one of");
    }

    [Fact]
    public void Name_on_a_country_entry_is_reported_because_it_would_be_ignored()
    {
        ProblemAssert.Single(Load("""[{ "country": "NL", "name": "Dutch holidays" }]"""), File, "$.holidays[0].name", "not used with 'country'");
    }

    [Fact]
    public void Misspelt_property_in_an_entry_suggests_the_right_one()
    {
        ProblemAssert.Single(Load("""[{ "date": "2026-12-31", "nmae": "Closure" }]"""), File, "$.holidays[0].nmae",
            "unknown property 'nmae' (did you mean 'name'?)");
    }
}
