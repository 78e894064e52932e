using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace SlaTimers.Configuration.Calendars;

/// <summary>
/// Parses <c>yyyy-MM-dd</c> dates and <c>MM-DD</c> yearly dates, telling an impossible date
/// (<c>2026-02-30</c>) apart from a wrongly written one, because the fixes differ.
/// </summary>
internal static partial class DateText
{
    private const string DateExample = "e.g. 2026-12-31";
    private const string MonthDayExample = "e.g. 12-24";

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"^(\d{2})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayShape();

    public static bool TryParseDate(string text, out LocalDate date, out string error)
    {
        date = default;
        var match = DateShape().Match(text);
        if (!match.Success || Number(match, 1) < 1)
        {
            var hint = MonthDayShape().IsMatch(text) ? "; for the same date every year use \"yearly\"" : "";
            error = $"'{text}' is not a date: expected yyyy-MM-dd, {DateExample}{hint}";
            return false;
        }

        int year = Number(match, 1), month = Number(match, 2), day = Number(match, 3);
        if (month is < 1 or > 12)
        {
            error = $"'{text}' is not a date: there is no month {month:00}; expected yyyy-MM-dd with a month from 01 to 12, {DateExample}";
            return false;
        }
        var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(year, month);
        if (day < 1 || day > daysInMonth)
        {
            error = $"'{text}' is not a date: {MonthName(month)} {year} has {daysInMonth} days; expected yyyy-MM-dd, {DateExample}";
            return false;
        }

        date = new LocalDate(year, month, day);
        error = "";
        return true;
    }

    public static bool TryParseMonthDay(string text, out AnnualDate monthDay, out string error)
    {
        monthDay = default;
        var match = MonthDayShape().Match(text);
        if (!match.Success)
        {
            var hint = DateShape().IsMatch(text) ? "; for one date only use \"date\"" : "";
            error = $"'{text}' is not a month and day: expected MM-DD (the same date every year), {MonthDayExample}{hint}";
            return false;
        }

        int month = Number(match, 1), day = Number(match, 2);
        if (month is < 1 or > 12)
        {
            error = $"'{text}' is not a month and day: there is no month {month:00}; expected MM-DD with a month from 01 to 12, {MonthDayExample}";
            return false;
        }
        // A leap year has the most days of every month; 02-29 is a holiday only in leap years.
        var maxDays = CalendarSystem.Iso.GetDaysInMonth(2024, month);
        if (day < 1 || day > maxDays)
        {
            error = $"'{text}' is not a month and day: {MonthName(month)} has at most {maxDays} days; expected MM-DD, {MonthDayExample}";
            return false;
        }

        monthDay = new AnnualDate(month, day);
        error = "";
        return true;
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
}
