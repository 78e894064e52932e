using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// A country's public holidays from the PublicHoliday library, on the date they are observed (a US
/// holiday on a Saturday closes the Friday before) and with the library's local names ("Koningsdag").
/// Thread-safe; each year is computed once.
/// </summary>
public sealed class CountryHolidaySource : IHolidaySource
{
    private readonly PublicHoliday.IPublicHolidays _library;

    // The library's calculators keep an unsynchronised cache, so every call into them holds the gate.
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ImmutableArray<Holiday>> _byLibraryYear = [];

    private CountryHolidaySource(string countryCode, PublicHoliday.IPublicHolidays library)
    {
        CountryCode = countryCode;
        _library = library;
    }

    /// <summary>The ISO 3166 code, upper case, with aliases resolved (<c>UK</c> becomes <c>GB</c>).</summary>
    public string CountryCode { get; }

    public string Description => $"public holidays {CountryCode}";

    /// <summary>The codes <see cref="TryCreate"/> accepts: ISO 3166 alpha-2, UK subdivisions (GB-SCT …) and UK.</summary>
    public static IReadOnlyList<string> SupportedCountryCodes => PublicHolidayCountries.Codes;

    /// <summary>The source for an ISO 3166 code (any case), or false when the library does not cover it.</summary>
    public static bool TryCreate(string countryCode, [NotNullWhen(true)] out CountryHolidaySource? source)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        source = PublicHolidayCountries.TryGet(countryCode, out var canonical, out var create)
            ? new CountryHolidaySource(canonical, create())
            : null;
        return source is not null;
    }

    /// <exception cref="InvalidOperationException">The library cannot compute this country's holidays for <paramref name="year"/>.</exception>
    public IEnumerable<Holiday> HolidaysIn(int year)
    {
        // The library files an observed date under the holiday's own year: New Year's Day 2022 (a Saturday)
        // is observed on Friday 2021-12-31 and is listed under 2022. So the next and previous years can add
        // dates to this one. They are best effort: a year the library cannot compute fails when it is asked for.
        var candidates = LibraryYear(year).Concat(TryLibraryYear(year - 1)).Concat(TryLibraryYear(year + 1));
        return [.. candidates.Where(h => h.Date.Year == year).DistinctBy(h => h.Date).OrderBy(h => h.Date)];
    }

    private ImmutableArray<Holiday> TryLibraryYear(int year)
    {
        try
        {
            return LibraryYear(year);
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    private ImmutableArray<Holiday> LibraryYear(int year)
    {
        lock (_gate)
        {
            if (_byLibraryYear.TryGetValue(year, out var cached)) return cached;
            var computed = Compute(year);
            _byLibraryYear[year] = computed;
            return computed;
        }
    }

    private ImmutableArray<Holiday> Compute(int year)
    {
        if (year is < 1 or > 9999) return [];
        try
        {
            // The name list is the library's best data (for Serbia it has the Orthodox Easter dates the
            // detailed list lacks); for some years of some countries it fails on two holidays sharing a
            // date, and then the detailed list stands in.
            return [.. NamesByDate(year).Select(x => new Holiday(LocalDate.FromDateTime(x.Key), x.Value))];
        }
        // Any exception from a third-party calculator means "cannot compute"; it is never swallowed but
        // either replaced by the second list or rethrown with the country and year named.
        catch (Exception)
        {
            try
            {
                return [.. _library.PublicHolidaysInformation(year)
                    .Where(h => h.IsPublic)
                    .Select(h => new Holiday(LocalDate.FromDateTime(h.ObservedDate), NameOf(h)))];
            }
            catch (Exception inner)
            {
                throw new InvalidOperationException(
                    $"The PublicHoliday library cannot compute the public holidays of {CountryCode} in {year}: {inner.Message}", inner);
            }
        }
    }

    private IEnumerable<KeyValuePair<DateTime, string>> NamesByDate(int year) =>
        _library.PublicHolidayNames(year).Select(x => KeyValuePair.Create(x.Key, string.IsNullOrWhiteSpace(x.Value) ? DefaultName : x.Value));

    /// <summary>
    /// The library looks some names up (all US ones) through <c>new CultureInfo("en")</c>, which throws in
    /// globalization-invariant mode unless <c>PredefinedCulturesOnly</c> is false. The date still counts, so
    /// the name then falls back to the library's resource key ("IndependenceDay" becomes "Independence Day").
    /// </summary>
    private string NameOf(PublicHoliday.Holiday holiday)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(holiday.Name)) return holiday.Name;
        }
        catch (Exception e) when (e is TypeInitializationException or System.Globalization.CultureNotFoundException)
        {
            // Fall through to the names that need no culture.
        }
        if (!string.IsNullOrWhiteSpace(holiday.EnglishName)) return holiday.EnglishName;
        return string.IsNullOrWhiteSpace(holiday.IdTextLocalization) ? DefaultName : SplitWords(holiday.IdTextLocalization);
    }

    private static string SplitWords(string key) =>
        string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(key[i - 1]) ? $" {c}" : c.ToString()));

    private string DefaultName => $"Public holiday ({CountryCode})";
}
