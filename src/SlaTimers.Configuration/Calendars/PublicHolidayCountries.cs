using System.Collections.Frozen;
using PublicHoliday;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// ISO 3166 codes mapped to the PublicHoliday library's calculators. Mapped by hand rather than through
/// the library's own factory, whose country-code enum has a wrong code for Poland (Po) and lacks
/// Montenegro; each calculator is built with its national (not regional) holidays.
/// </summary>
internal static class PublicHolidayCountries
{
    private static readonly FrozenDictionary<string, Func<IPublicHolidays>> ByCode =
        new Dictionary<string, Func<IPublicHolidays>>(StringComparer.OrdinalIgnoreCase)
        {
            ["AT"] = () => new AustriaPublicHoliday(),
            ["AU"] = () => new AustraliaPublicHoliday(),
            ["BE"] = () => new BelgiumPublicHoliday(),
            ["BR"] = () => new BrazilPublicHoliday(),
            ["CA"] = () => new CanadaPublicHoliday(null!), // no province: the national statutory holidays
            ["CH"] = () => new SwitzerlandPublicHoliday(),
            ["CZ"] = () => new CzechRepublicPublicHoliday(),
            ["DE"] = () => new GermanPublicHoliday(),
            ["DK"] = () => new DenmarkPublicHoliday(),
            ["EE"] = () => new EstoniaPublicHoliday(),
            ["ES"] = () => new SpainPublicHoliday(),
            ["FI"] = () => new FinlandPublicHoliday(includeNonOfficialHolidays: false),
            ["FR"] = () => new FrancePublicHoliday(),
            ["GB"] = () => new UKBankHoliday(UKBankHoliday.UkCountries.England),
            ["GB-ENG"] = () => new UKBankHoliday(UKBankHoliday.UkCountries.England),
            ["GB-WLS"] = () => new UKBankHoliday(UKBankHoliday.UkCountries.Wales),
            ["GB-SCT"] = () => new UKBankHoliday(UKBankHoliday.UkCountries.Scotland),
            ["GB-NIR"] = () => new UKBankHoliday(UKBankHoliday.UkCountries.NorthernIreland),
            ["GR"] = () => new GreecePublicHoliday(),
            ["HR"] = () => new CroatiaPublicHoliday(),
            ["HU"] = () => new HungaryPublicHoliday(),
            ["IE"] = () => new IrelandPublicHoliday(),
            ["IT"] = () => new ItalyPublicHoliday(),
            ["JP"] = () => new JapanPublicHoliday(),
            ["KZ"] = () => new KazakhstanPublicHoliday(),
            ["LT"] = () => new LithuaniaPublicHoliday(),
            ["LU"] = () => new LuxembourgPublicHoliday(),
            ["LV"] = () => new LatviaPublicHoliday(),
            ["ME"] = () => new MontenegroPublicHoliday(),
            ["MX"] = () => new MexicoPublicHoliday(),
            ["NL"] = () => new DutchPublicHoliday(),
            ["NO"] = () => new NorwayPublicHoliday(),
            ["NZ"] = () => new NewZealandPublicHoliday(),
            ["PL"] = () => new PolandPublicHoliday(),
            ["PT"] = () => new PortugalPublicHoliday(),
            ["RO"] = () => new RomanianPublicHoliday(),
            ["RS"] = () => new SerbianPublicHoliday(),
            ["SE"] = () => new SwedenPublicHoliday(),
            ["SI"] = () => new SloveniaPublicHoliday(),
            ["SK"] = () => new SlovakiaPublicHoliday(),
            ["TR"] = () => new TurkeyPublicHoliday(),
            ["US"] = () => new USAPublicHoliday(),
            ["ZA"] = () => new SouthAfricaPublicHoliday(),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Other names admins use for a supported code; "UK" is not ISO 3166 but is what people write.</summary>
    private static readonly FrozenDictionary<string, string> Aliases =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["UK"] = "GB" }
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every supported code, sorted, aliases included (for messages and <c>calendar show</c>).</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. ByCode.Keys.Concat(Aliases.Keys).Order(StringComparer.Ordinal)];

    /// <summary>The canonical upper-case code (aliases resolved) and a fresh calculator for it.</summary>
    public static bool TryGet(string code, out string canonicalCode, out Func<IPublicHolidays> create)
    {
        canonicalCode = Aliases.TryGetValue(code.Trim(), out var alias) ? alias : code.Trim().ToUpperInvariant();
        return ByCode.TryGetValue(canonicalCode, out create!);
    }
}
