using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Notifications.Messages;

/// <summary>
/// The one-line title of a checkpoint, used as mail subject and Hangfire job name:
/// <c>Warn 75 % · ZD-4821 · first response · due 14:30 CET</c>.
/// </summary>
public static class CheckpointTitles
{
    private static readonly ZonedDateTimePattern DueTime = ZonedDateTimePattern.CreateWithInvariantCulture("HH:mm x", null);
    private static readonly ZonedDateTimePattern DueDateTime = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH:mm x", null);

    public static string Format(string ticketDisplayId, Metric metric, Checkpoint checkpoint, Instant? deadline, DateTimeZone zone, Instant now)
    {
        var what = checkpoint.IsEscalation
            ? (checkpoint.Level <= 1 && checkpoint.Offset.Offset == Duration.Zero ? "Breached" : $"Escalate L{checkpoint.Level}")
            : $"Warn {checkpoint.Offset.ToString().Replace("%", " %", StringComparison.Ordinal)}";
        var due = deadline is { } d ? $" · due {FormatDue(d, zone, now)}" : "";
        return $"{what} · {ticketDisplayId} · {metric.ToDisplayName()}{due}";
    }

    public static string Format(NotificationContext context) => Format(context.Ticket.DisplayId, context.Clock.Metric,
        context.Checkpoint.Definition, context.Clock.Deadline, context.Zone, context.Now);

    /// <summary>"14:30 CET" when due within a day of now, else with the date.</summary>
    public static string FormatDue(Instant due, DateTimeZone zone, Instant now)
    {
        var local = due.InZone(zone);
        var pattern = Duration.Max(due - now, now - due) < Duration.FromHours(20) ? DueTime : DueDateTime;
        return pattern.Format(local);
    }

    /// <summary>"in 30 minutes" / "30 minutes ago" (English) or "over 30 minuten" / "30 minuten geleden".</summary>
    public static string Relative(Instant target, Instant now, string language)
    {
        var difference = target - now;
        var magnitude = Duration.Max(difference, -difference);
        var dutch = language.StartsWith("nl", StringComparison.OrdinalIgnoreCase);
        string amount = magnitude.TotalMinutes < 90
            ? Plural((long)Math.Round(magnitude.TotalMinutes), dutch ? "minuut" : "minute", dutch ? "minuten" : "minutes")
            : magnitude.TotalHours < 48
                ? Plural((long)Math.Round(magnitude.TotalHours), dutch ? "uur" : "hour", dutch ? "uur" : "hours")
                : Plural((long)Math.Round(magnitude.TotalDays), dutch ? "dag" : "day", dutch ? "dagen" : "days");
        if (difference >= Duration.Zero) return dutch ? $"over {amount}" : $"in {amount}";
        return dutch ? $"{amount} geleden" : $"{amount} ago";
    }

    private static string Plural(long n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
}
