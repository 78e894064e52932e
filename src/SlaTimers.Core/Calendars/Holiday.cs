using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>A local date on which the calendar is closed, with the name people know it by.</summary>
public readonly record struct Holiday(LocalDate Date, string Name);

/// <summary>
/// Where holidays come from: fixed dates, yearly dates, a country's public holidays, an ICS file.
/// Implementations are pure and thread-safe; the engine asks once per year it needs.
/// </summary>
public interface IHolidaySource
{
    /// <summary>What the source is, for explanations and <c>calendar show</c> (e.g. "public holidays NL").</summary>
    string Description { get; }

    /// <summary>The holidays that fall in <paramref name="year"/> (ISO calendar year).</summary>
    IEnumerable<Holiday> HolidaysIn(int year);
}

/// <summary>A one-off closure on one date, e.g. a company closure on 2026-12-31.</summary>
public sealed record FixedHoliday(LocalDate Date, string Name) : IHolidaySource
{
    public string Description => $"{Date:uuuu-MM-dd} {Name}";

    public IEnumerable<Holiday> HolidaysIn(int year) =>
        Date.Year == year ? [new Holiday(Date, Name)] : [];
}

/// <summary>The same month and day every year, e.g. Christmas Eve on 12-24. 02-29 only in leap years.</summary>
public sealed record YearlyHoliday(AnnualDate MonthDay, string Name) : IHolidaySource
{
    public string Description => $"every {MonthDay:MM-dd} {Name}";

    public IEnumerable<Holiday> HolidaysIn(int year) =>
        MonthDay.IsValidYear(year) ? [new Holiday(MonthDay.InYear(year), Name)] : [];
}
