using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Reads <c>holidays</c>: each entry is one of <c>{ "country": "NL" }</c>, <c>{ "date": "2026-12-31" }</c>,
/// <c>{ "yearly": "12-24" }</c> or <c>{ "ics": "closures.ics" }</c>; dates may carry a <c>name</c>.
/// </summary>
internal static class HolidaysReader
{
    private const string Country = "country", Date = "date", Yearly = "yearly", Ics = "ics", Name = "name";
    private static readonly string[] Kinds = [Country, Date, Yearly, Ics];
    private static readonly string[] PropertyNames = [.. Kinds, Name];
    private const string KindList = "'country', 'date', 'yearly' or 'ics'";

    private const string ExpectedEntry =
        "a holiday like { \"country\": \"NL\" }, { \"date\": \"2026-12-31\", \"name\": \"Company closure\" }, " +
        "{ \"yearly\": \"12-24\", \"name\": \"Christmas Eve\" } or { \"ics\": \"closures.ics\" }";

    public static ImmutableArray<IHolidaySource> Read(JsonCursor? holidays)
    {
        var entries = holidays?.ReadArray("a list of holidays like [{ \"country\": \"NL\" }, { \"date\": \"2026-12-31\" }]");
        if (entries is null) return [];
        return [.. entries.Select(ReadEntry).OfType<IHolidaySource>()];
    }

    private static IHolidaySource? ReadEntry(JsonCursor entry)
    {
        var holiday = entry.ReadObject(ExpectedEntry, PropertyNames);
        if (holiday is null) return null;

        var kinds = Kinds.Where(holiday.Has).ToList();
        if (kinds.Count != 1)
        {
            entry.Report(kinds.Count == 0
                ? $"the holiday has none of {KindList}: expected {ExpectedEntry}"
                : $"the holiday has both '{kinds[0]}' and '{kinds[1]}': give each entry exactly one of {KindList}");
            return null;
        }

        var kind = kinds[0];
        var value = holiday.Optional(kind)!.Value;
        if (kind is Country or Ics && holiday.Optional(Name) is { } unusedName)
        {
            unusedName.Report(kind == Country
                ? "'name' is not used with 'country' (the library names each public holiday): remove it"
                : "'name' is not used with 'ics' (each event's SUMMARY is its name): remove it");
        }

        return kind switch
        {
            Country => ReadCountry(value),
            Date => ReadDate(value, holiday),
            Yearly => ReadYearly(value, holiday),
            _ => IcsFileReader.Read(value),
        };
    }

    private static CountryHolidaySource? ReadCountry(JsonCursor value)
    {
        var code = value.ReadString("an ISO 3166 country code like \"NL\"");
        if (code is null) return null;
        if (CountryHolidaySource.TryCreate(code, out var source)) return source;

        var alpha3 = code.Trim().Length == 3 ? " (use the two-letter code, e.g. 'NL' rather than 'NLD')" : "";
        value.Report($"'{code}' is not a supported country{alpha3}: expected an ISO 3166 alpha-2 code, one of " +
                     string.Join(", ", CountryHolidaySource.SupportedCountryCodes));
        return null;
    }

    private static FixedHoliday? ReadDate(JsonCursor value, JsonObjectCursor holiday)
    {
        var text = value.ReadString("a date in yyyy-MM-dd, e.g. \"2026-12-31\"");
        var name = NameReader.Read(holiday, "Closure");
        if (text is null) return null;
        if (DateText.TryParseDate(text, out var date, out var error)) return new FixedHoliday(date, name);
        value.Report(error);
        return null;
    }

    private static YearlyHoliday? ReadYearly(JsonCursor value, JsonObjectCursor holiday)
    {
        var text = value.ReadString("a month and day in MM-DD, e.g. \"12-24\"");
        var name = NameReader.Read(holiday, "Holiday");
        if (text is null) return null;
        if (DateText.TryParseMonthDay(text, out var monthDay, out var error)) return new YearlyHoliday(monthDay, name);
        value.Report(error);
        return null;
    }
}
