using NodaTime;
using SlaTimers.Configuration.Calendars;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary><c>{ "ics": "closures.ics" }</c>: all-day events of an ICS file, read at load time, become holidays.</summary>
public class IcsHolidaySourceTests
{
    private const string File = "calendars/desk.json";
    private const string IcsEntry = """[{ "ics": "closures.ics" }]""";

    private static string Ics(params string[] events) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", .. events, "END:VCALENDAR", ""]);

    private static string AllDay(string uid, string start, string summary, params string[] more) =>
        string.Join("\r\n", ["BEGIN:VEVENT", $"UID:{uid}", "DTSTAMP:20260101T000000Z", $"DTSTART;VALUE=DATE:{start}", $"SUMMARY:{summary}", .. more, "END:VEVENT"]);

    private static ConfigLoadResult Load(string ics, string holidays = IcsEntry)
    {
        using var folder = new TempConfigFolder()
            .Calendar("desk.json", CalendarJson.Make(holidays: holidays))
            .Calendar("closures.ics", ics);
        return folder.Load();
    }

    private static IcsHolidaySource Source(string ics) =>
        Assert.IsType<IcsHolidaySource>(Assert.Single(Load(ics).GetOrThrow().Calendars.Get("test").Definition.Holidays));

    [Fact]
    public void Missing_ics_file_gives_the_resolved_path()
    {
        using var folder = new TempConfigFolder().Calendar("desk.json", CalendarJson.Make(holidays: """[{ "ics": "missing.ics" }]"""));

        var result = folder.Load();

        ProblemAssert.Single(result, File, "$.holidays[0].ics",
            $"ICS file 'missing.ics' not found at {folder.FullPath("calendars/missing.ics")}", "relative to the folder of this calendar file");
    }

    [Theory]
    [InlineData("this is not an ics file")]
    [InlineData("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\n")]
    [InlineData("")]
    public void Ics_file_that_does_not_parse_is_reported(string content)
    {
        ProblemAssert.Single(Load(content), File, "$.holidays[0].ics", "ICS file 'closures.ics'", "does not parse as iCalendar", "all-day VEVENTs");
    }

    [Fact]
    public void Ics_with_an_unknown_recurrence_frequency_does_not_parse()
    {
        var ics = Ics(AllDay("a", "20261224", "Odd", "RRULE:FREQ=SOMETIMES"));

        ProblemAssert.Single(Load(ics), File, "$.holidays[0].ics", "does not parse as iCalendar", "SOMETIMES");
    }

    [Fact]
    public void Timed_event_is_reported_because_only_whole_dates_can_be_holidays()
    {
        var ics = Ics("BEGIN:VEVENT\r\nUID:t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260501T100000Z\r\nDTEND:20260501T120000Z\r\nSUMMARY:Team meeting\r\nEND:VEVENT");

        ProblemAssert.Single(Load(ics), File, "$.holidays[0].ics", "event #1 'Team meeting' starts at a time", "only all-day events", "DTSTART;VALUE=DATE:20260501");
    }

    [Fact]
    public void All_day_event_is_a_holiday_named_by_its_summary()
    {
        var calendar = Load(Ics(AllDay("a", "20261123", "Company outing"))).GetOrThrow().Calendars.Get("test");

        var day = Assert.Single(calendar.DaysIn(2026));
        Assert.Equal((new LocalDate(2026, 11, 23), "Company outing", CalendarDayKind.Holiday), (day.Date, day.Name, day.Kind));
        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 11, 23, 10, 0)));
    }

    [Fact]
    public void Yearly_recurring_event_is_expanded_for_every_requested_year()
    {
        var source = Source(Ics(AllDay("a", "20200605", "Foundation Day", "RRULE:FREQ=YEARLY")));

        Assert.Equal([new Holiday(new LocalDate(2031, 6, 5), "Foundation Day")], source.HolidaysIn(2031));
        Assert.Equal([new Holiday(new LocalDate(2026, 6, 5), "Foundation Day")], source.HolidaysIn(2026));
        Assert.Empty(source.HolidaysIn(2019));
    }

    [Fact]
    public void Recurrence_with_an_exception_date_and_a_count_is_respected()
    {
        var source = Source(Ics(AllDay("a", "20260605", "Day", "RRULE:FREQ=YEARLY;COUNT=3", "EXDATE;VALUE=DATE:20270605")));

        Assert.Single(source.HolidaysIn(2026));
        Assert.Empty(source.HolidaysIn(2027));
        Assert.Single(source.HolidaysIn(2028));
        Assert.Empty(source.HolidaysIn(2029));
    }

    [Fact]
    public void Multi_day_event_closes_each_date_up_to_its_exclusive_end()
    {
        var source = Source(Ics(AllDay("a", "20261228", "Winter closure", "DTEND;VALUE=DATE:20270102")));

        Assert.Equal([28, 29, 30, 31], source.HolidaysIn(2026).Select(h => h.Date.Day));
        Assert.Equal([new Holiday(new LocalDate(2027, 1, 1), "Winter closure")], source.HolidaysIn(2027));
    }

    [Fact]
    public void Cancelled_event_is_no_holiday()
    {
        Assert.Empty(Source(Ics(AllDay("a", "20261123", "Cancelled outing", "STATUS:CANCELLED"))).HolidaysIn(2026));
    }

    [Fact]
    public void Ics_path_is_relative_to_the_calendar_file()
    {
        using var folder = new TempConfigFolder()
            .Calendar("desk.json", CalendarJson.Make(holidays: """[{ "ics": "ics/closures.ics" }]"""))
            .Calendar("ics/closures.ics", Ics(AllDay("a", "20261123", "Outing")));

        var source = Assert.IsType<IcsHolidaySource>(Assert.Single(folder.Load().GetOrThrow().Calendars.Get("test").Definition.Holidays));

        Assert.Equal(folder.FullPath("calendars/ics/closures.ics"), source.FullPath);
        Assert.Equal("closures from ics/closures.ics", source.Description);
    }

    [Fact]
    public void Expanding_from_many_threads_gives_the_same_holidays()
    {
        var source = Source(Ics(AllDay("a", "20000101", "New Year closure", "RRULE:FREQ=YEARLY"), AllDay("b", "20000704", "Summer day", "RRULE:FREQ=YEARLY")));

        var years = Enumerable.Range(2000, 200).ToArray();
        var parallel = years.AsParallel().Select(y => (y, source.HolidaysIn(y).ToList())).ToDictionary(x => x.y, x => x.Item2);

        Assert.All(years, y => Assert.Equal([new LocalDate(y, 1, 1), new LocalDate(y, 7, 4)], parallel[y].Select(h => h.Date)));
    }
}
