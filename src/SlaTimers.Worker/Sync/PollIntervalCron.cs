using System.Globalization;

namespace SlaTimers.Worker.Sync;

/// <summary>
/// A helpdesk's poll interval as the cron expression of its recurring sync job (Hangfire accepts a seconds field).
/// Cron steps divide a minute, hour or day evenly, so an interval that does not is rounded down to one that does:
/// a sync runs at least as often as asked.
/// </summary>
public static class PollIntervalCron
{
    private static readonly int[] SixtyDivisors = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
    private static readonly int[] DayDivisors = [1, 2, 3, 4, 6, 8, 12];

    public static string From(TimeSpan interval)
    {
        if (interval < TimeSpan.FromMinutes(1))
        {
            var seconds = Largest(SixtyDivisors, (int)Math.Max(1, interval.TotalSeconds));
            return seconds == 1 ? "* * * * * *" : Invariant($"*/{seconds} * * * * *");
        }
        if (interval < TimeSpan.FromHours(1))
        {
            var minutes = Largest(SixtyDivisors, (int)interval.TotalMinutes);
            return minutes == 1 ? "* * * * *" : Invariant($"*/{minutes} * * * *");
        }
        if (interval < TimeSpan.FromDays(1))
        {
            var hours = Largest(DayDivisors, (int)interval.TotalHours);
            return hours == 1 ? "0 * * * *" : Invariant($"0 */{hours} * * *");
        }
        return "0 0 * * *";
    }

    /// <summary>The interval the cron expression of <paramref name="interval"/> actually gives.</summary>
    public static TimeSpan Effective(TimeSpan interval)
    {
        var parts = From(interval).Split(' ');
        if (parts.Length == 6) return TimeSpan.FromSeconds(Step(parts[0]));
        if (parts[0] != "0") return TimeSpan.FromMinutes(Step(parts[0]));
        return parts[1] == "0" ? TimeSpan.FromDays(1) : TimeSpan.FromHours(Step(parts[1]));
    }

    private static int Step(string field) => field == "*" ? 1 : int.Parse(field[2..], CultureInfo.InvariantCulture);

    private static int Largest(int[] divisors, int atMost) => divisors.Last(d => d <= atMost);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
