using System.Runtime.CompilerServices;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests;

/// <summary>
/// The calendars shipped in <c>config/</c> are what admins copy: they must load and mean what they say.
/// (The shipped agreements and recipients: <see cref="ExampleAgreementTests"/>.)
/// </summary>
public class ExampleConfigTests
{
    internal static readonly SlaConfiguration Config = SlaConfigurationLoader.Load(ConfigFolder()).GetOrThrow();

    [Fact]
    public void Shipped_config_is_valid_and_has_the_example_calendars_and_24x7()
    {
        Assert.Equal(["24x7", "follow-the-sun", "nl-servicedesk", "uk-support", "us-overnight"], Config.Calendars.All.Select(c => c.Id));
    }

    [Fact]
    public void Shipped_config_has_the_example_agreements_and_recipients()
    {
        Assert.Equal(["gemeente-voorbeeld", "ola-second-line"], Config.Agreements.Select(a => a.Id));
        Assert.Equal(["e.smith", "j.devries", "m.jansen", "p.visser", "s.bakker"], Config.Recipients.People.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["Second line", "Servicedesk"], Config.Recipients.Groups.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["servicedesk-channel"], Config.Recipients.Channels.Select(c => c.Id));
        Assert.Equal(Config.Agreements, Config.Rules.Agreements);
    }

    [Fact]
    public void Kings_day_2027_is_a_holiday_at_the_Dutch_servicedesk()
    {
        var calendar = Config.Calendars.Get("nl-servicedesk");

        var day = Assert.Single(calendar.DaysIn(2027), d => d.Date == new LocalDate(2027, 4, 27));
        Assert.Equal(CalendarDayKind.Holiday, day.Kind);
        Assert.False(calendar.IsOpen(At(calendar, 2027, 4, 27, 10)));
        Assert.True(calendar.IsOpen(At(calendar, 2027, 4, 28, 10)));
    }

    [Fact]
    public void Dutch_servicedesk_has_a_lunch_break_short_Christmas_Eve_and_closures_from_its_ics_file()
    {
        var calendar = Config.Calendars.Get("nl-servicedesk");

        Assert.False(calendar.IsOpen(At(calendar, 2026, 11, 23, 12, 45)), "lunch break");
        Assert.True(calendar.IsOpen(At(calendar, 2026, 12, 24, 12)), "Christmas Eve morning");
        Assert.False(calendar.IsOpen(At(calendar, 2026, 12, 24, 14)), "Christmas Eve afternoon");
        Assert.Contains(calendar.DaysIn(2026), d => d.Date == new LocalDate(2026, 9, 18) && d.Name == "Company outing");
        Assert.Contains(calendar.DaysIn(2028), d => d.Date == new LocalDate(2028, 10, 3) && d.Name.StartsWith("Foundation Day", StringComparison.Ordinal));
    }

    [Fact]
    public void UK_support_is_closed_on_the_observed_Boxing_Day_2026()
    {
        // Boxing Day 2026 is a Saturday; the bank holiday is Monday 28 December.
        var calendar = Config.Calendars.Get("uk-support");

        Assert.False(calendar.IsOpen(At(calendar, 2026, 12, 28, 10)));
        Assert.True(calendar.IsOpen(At(calendar, 2026, 12, 29, 10)));
    }

    [Fact]
    public void US_overnight_desk_is_open_in_the_night_shift_after_midnight()
    {
        var calendar = Config.Calendars.Get("us-overnight");

        Assert.True(calendar.IsOpen(At(calendar, 2026, 11, 24, 3)), "Tuesday 03:00, Monday's night shift");
        Assert.False(calendar.IsOpen(At(calendar, 2026, 11, 24, 7)), "between night and day shift");
        Assert.False(calendar.IsOpen(At(calendar, 2026, 11, 28, 3)), "Saturday 03:00: no Friday night shift");
        Assert.False(calendar.IsOpen(At(calendar, 2027, 7, 5, 10)), "Independence Day observed");
    }

    [Fact]
    public void Follow_the_sun_desk_opens_Sunday_22_00_UTC_and_closes_Friday_22_00_UTC()
    {
        var calendar = Config.Calendars.Get("follow-the-sun");

        Assert.False(calendar.IsOpen(Instant.FromUtc(2026, 11, 22, 21, 59)));
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 0), calendar.NextOpening(Instant.FromUtc(2026, 11, 21, 12, 0)));
        Assert.Equal(Instant.FromUtc(2026, 11, 27, 22, 0), calendar.NextClosing(Instant.FromUtc(2026, 11, 24, 12, 0)));
    }

    private static Instant At(BusinessCalendar calendar, int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(calendar.Zone).ToInstant();

    /// <summary>
    /// The repository's <c>config/</c>: next to <c>SlaTimers.sln</c>, found from the test's base directory,
    /// or from this source file when the build put its output elsewhere (<c>--artifacts-path</c>).
    /// </summary>
    private static string ConfigFolder([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile)! })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SlaTimers.sln"))) return Path.Combine(directory.FullName, "config");
            }
        }
        throw new InvalidOperationException($"No folder with SlaTimers.sln above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
