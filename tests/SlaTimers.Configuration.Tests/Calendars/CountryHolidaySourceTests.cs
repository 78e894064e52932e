using NodaTime;
using SlaTimers.Configuration.Calendars;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Tests.Calendars;

/// <summary><c>{ "country": "NL" }</c>: public holidays from the PublicHoliday library, on their observed dates.</summary>
public class CountryHolidaySourceTests
{
    public static TheoryData<string> SupportedCodes() => [.. CountryHolidaySource.SupportedCountryCodes];

    private static CountryHolidaySource Create(string code) =>
        CountryHolidaySource.TryCreate(code, out var source) ? source : throw new InvalidOperationException($"{code} is not supported");

    [Theory]
    [MemberData(nameof(SupportedCodes))]
    public void Every_supported_code_gives_named_holidays_within_the_year(string code)
    {
        var holidays = Create(code).HolidaysIn(2026).ToList();

        Assert.NotEmpty(holidays);
        Assert.All(holidays, h => Assert.Equal(2026, h.Date.Year));
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.Name)));
        Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
    }

    [Theory]
    [InlineData("NL")]
    [InlineData("GB")]
    [InlineData("UK")]
    [InlineData("US")]
    [InlineData("DE")]
    [InlineData("BE")]
    [InlineData("FR")]
    [InlineData("IE")]
    public void The_countries_our_customers_use_are_supported(string code)
    {
        Assert.Contains(code, CountryHolidaySource.SupportedCountryCodes);
    }

    [Fact]
    public void Unknown_code_is_not_supported()
    {
        Assert.False(CountryHolidaySource.TryCreate("XX", out var source));
        Assert.Null(source);
    }

    [Fact]
    public void Dutch_kings_day_2027_is_a_holiday_with_its_dutch_name()
    {
        Assert.Contains(new Holiday(new LocalDate(2027, 4, 27), "Koningsdag"), Create("NL").HolidaysIn(2027));
    }

    [Fact]
    public void US_holiday_on_a_Sunday_is_observed_on_the_Monday()
    {
        // Independence Day 2027 is a Sunday.
        var dates = Create("US").HolidaysIn(2027).Select(h => h.Date).ToList();

        Assert.Contains(new LocalDate(2027, 7, 5), dates);
        Assert.DoesNotContain(new LocalDate(2027, 7, 4), dates);
    }

    [Fact]
    public void Observed_date_in_the_previous_year_belongs_to_that_year()
    {
        // New Year's Day 2022 was a Saturday; it was observed on Friday 2021-12-31.
        var us = Create("US");

        Assert.Contains(us.HolidaysIn(2021), h => h.Date == new LocalDate(2021, 12, 31));
        Assert.DoesNotContain(us.HolidaysIn(2022), h => h.Date.Year != 2022);
    }

    [Fact]
    public void UK_is_GB_and_Scotland_has_its_own_bank_holidays()
    {
        Assert.Equal("GB", Create("UK").CountryCode);
        Assert.Equal(Create("GB").HolidaysIn(2026), Create("UK").HolidaysIn(2026));
        Assert.Contains(Create("GB-SCT").HolidaysIn(2026), h => h.Date == new LocalDate(2026, 11, 30)); // St Andrew's Day
        Assert.DoesNotContain(Create("GB").HolidaysIn(2026), h => h.Date == new LocalDate(2026, 11, 30));
    }

    [Fact]
    public void Year_the_library_cannot_compute_fails_loudly_naming_the_country()
    {
        // The library's Turkish holidays follow the Hijri calendar, which it supports up to 2076.
        var exception = Assert.Throws<InvalidOperationException>(() => Create("TR").HolidaysIn(2090).ToList());

        Assert.Contains("TR in 2090", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_from_many_threads_gives_the_same_holidays_as_asking_in_turn()
    {
        var shared = Create("NL");
        var years = Enumerable.Range(1990, 120).ToArray();

        var parallel = years.AsParallel().Select(y => (Year: y, Holidays: shared.HolidaysIn(y).ToList())).ToDictionary(x => x.Year, x => x.Holidays);

        var fresh = Create("NL");
        Assert.All(years, y => Assert.Equal(fresh.HolidaysIn(y), parallel[y]));
    }
}
