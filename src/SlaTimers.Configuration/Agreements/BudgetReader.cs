using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Text;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads a target's <c>budget</c>: <c>{ "P1": "30m", "P2": "4h", "P3": "1d", "default": "2d4h" }</c>. Every priority
/// the policy can match needs a budget (or there is a <c>default</c>): a ticket without one would get no clock,
/// and nobody would be warned.
/// </summary>
internal static class BudgetReader
{
    public const string Expected = "budgets per priority like { \"P1\": \"30m\", \"P2\": \"4h\", \"P3\": \"1d\" }";

    /// <param name="matchable">The priorities the policy can match; null when unknown (then completeness is not checked).</param>
    /// <param name="calendarId">The target's calendar, when it exists.</param>
    /// <param name="dayLength">How long <c>"1d"</c> is on that calendar; null when not known.</param>
    public static ImmutableDictionary<string, Duration>? Read(
        JsonCursor budget, AgreementPriorities priorities, ImmutableArray<string>? matchable, string? calendarId, Duration? dayLength)
    {
        var entries = budget.ReadEntries(Expected, "priority");
        if (entries is null) return null;

        var problemsBefore = budget.File.ProblemCount;
        var dayNote = calendarId is not null && dayLength is { } d && d > Duration.Zero
            ? $"a business day of '{calendarId}' is {DurationText.Format(d)}"
            : null;
        var budgets = ImmutableDictionary.CreateBuilder<string, Duration>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            var priority = key == Target.DefaultBudgetKey ? key : priorities.Check(value, key, alsoAllowed: Target.DefaultBudgetKey);
            var duration = ReadDuration(value, dayNote, calendarId, dayLength);
            if (priority is not null && duration is not null) budgets[priority] = duration.Value;
        }

        var hasDefault = entries.Any(e => e.Key == Target.DefaultBudgetKey);
        var missing = hasDefault || matchable is null
            ? []
            : matchable.Value.Where(p => !entries.Any(e => string.Equals(e.Key, p, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            budget.Report($"budget missing for {(missing.Count == 1 ? "priority" : "priorities")} {string.Join(", ", missing)}: " +
                          $"this policy can match tickets of priority {string.Join(", ", matchable!.Value)}; " +
                          $"add {string.Join(", ", missing.Select(p => $"\"{p}\": \"4h\""))}, or a \"{Target.DefaultBudgetKey}\" budget for the rest");
        }
        return budget.File.ProblemCount > problemsBefore ? null : budgets.ToImmutable();
    }

    private static Duration? ReadDuration(JsonCursor value, string? dayNote, string? calendarId, Duration? dayLength)
    {
        var text = value.ReadString(BudgetText.Expected(dayNote));
        if (text is null) return null;
        if (!BudgetText.TryParse(text, dayNote, out var days, out var time, out var error))
        {
            value.Report(error);
            return null;
        }
        if (days > 0 && dayLength == Duration.Zero)
        {
            value.Report($"'{text}' counts business days, but the calendar '{calendarId}' has no typical business day (no weekly hours): " +
                         "set \"businessDay\" in its file, e.g. \"8h\", or write the budget in hours");
            return null;
        }
        // Without the calendar's day the budget cannot be computed; the calendar's own problem is reported already.
        if (days > 0 && dayLength is null) return null;

        var duration = days * (dayLength ?? Duration.Zero) + time;
        if (duration > Duration.Zero) return duration;
        value.Report($"'{text}' is no time at all: a budget must be more than 0, e.g. \"30m\"");
        return null;
    }
}
