using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads a policy's <c>targets</c>, keyed by metric: <c>{ "firstResponse": { "calendar": "nl-servicedesk",
/// "budget": { "P1": "30m" }, "pauseOn": ["pending"], "onReopen": "resume", "checkpoints": [ … ] } }</c>.
/// </summary>
internal static class TargetReader
{
    private static readonly string[] MetricNames = [.. Enum.GetValues<Metric>().Select(m => m.ToConfigName())];

    private static readonly string[] PropertyNames = ["calendar", "budget", "pauseOn", "onReopen", "checkpoints"];

    private static readonly (string Name, ReopenBehaviour Behaviour)[] ReopenNames = [("resume", ReopenBehaviour.Resume), ("restart", ReopenBehaviour.Restart)];

    public const string Expected =
        "targets by metric like { \"firstResponse\": { \"calendar\": \"nl-servicedesk\", \"budget\": { \"P1\": \"30m\" } } }";

    private const string ExpectedTarget =
        "a target like { \"calendar\": \"nl-servicedesk\", \"budget\": { \"P1\": \"30m\" }, \"checkpoints\": [{ \"at\": \"75%\", \"notify\": [\"assignee\"] }] }";

    public static ImmutableArray<Target>? Read(JsonCursor targets, AgreementPriorities priorities, PolicyConditions? conditions, AgreementReferences references)
    {
        var metrics = targets.ReadObject(Expected, MetricNames, "metric");
        if (metrics is null) return null;
        // An object with only unknown metrics has been reported already; an empty one has not.
        if (!targets.Element.EnumerateObject().Any())
        {
            targets.Report($"the policy has no targets: give at least one of {Metrics.AllConfigNames}, e.g. {Expected}");
            return null;
        }

        var problemsBefore = targets.File.ProblemCount;
        var result = ImmutableArray.CreateBuilder<Target>();
        foreach (var (name, cursor) in metrics.Properties)
        {
            Metrics.TryParse(name, out var metric);
            if (ReadTarget(metric, cursor, priorities, conditions, references) is { } target) result.Add(target);
        }
        return targets.File.ProblemCount > problemsBefore ? null : result.ToImmutable();
    }

    private static Target? ReadTarget(Metric metric, JsonCursor cursor, AgreementPriorities priorities, PolicyConditions? conditions, AgreementReferences references)
    {
        var fields = cursor.ReadObject(ExpectedTarget, PropertyNames);
        if (fields is null) return null;

        var calendarCursor = fields.Required("calendar", "the id of the calendar whose business hours count, e.g. \"nl-servicedesk\" or \"24x7\"");
        var calendarText = calendarCursor?.ReadString("a calendar id like \"nl-servicedesk\" or \"24x7\"");
        var calendarId = calendarText is null ? null : references.Calendars.Check(calendarCursor!.Value, calendarText);
        var dayLength = calendarId is null ? null : references.Calendars.BusinessDayLength(calendarId);

        var budgets = fields.Required("budget", BudgetReader.Expected) is { } budget
            ? BudgetReader.Read(budget, priorities, conditions?.MatchablePriorities, calendarId, dayLength)
            : null;
        var pauseOn = fields.Optional("pauseOn")?.ReadStrings(
            $"a list of statuses that pause the clock, like [\"pending\", \"on-hold\"] (categories: {StatusCategories.AllConfigNames}, or the helpdesk's status names)",
            "a status category like \"pending\" or a helpdesk status name") ?? [];
        var onReopen = ReadOnReopen(fields.Optional("onReopen"), metric);
        var checkpoints = fields.Optional("checkpoints") is { } c ? CheckpointReader.Read(c, references.Recipients) : [];

        if (calendarId is null || budgets is null || onReopen is null || checkpoints is null) return null;
        return new Target(metric, budgets, calendarId, [.. pauseOn.Select(p => p.Text)], onReopen.Value, checkpoints.Value);
    }

    private static ReopenBehaviour? ReadOnReopen(JsonCursor? cursor, Metric metric)
    {
        if (cursor is not { } onReopen) return ReopenBehaviour.Resume;
        var text = onReopen.ReadString("\"resume\" or \"restart\"");
        if (text is null) return null;
        // Only a solved ticket's resolution clock can be reopened; elsewhere the setting would silently do nothing.
        if (metric != Metric.Resolution)
        {
            onReopen.Report("'onReopen' applies only to 'resolution' (what reopening a solved ticket does to its resolution clock): " +
                            $"remove it from '{metric.ToConfigName()}'");
            return null;
        }
        var match = ReopenNames.FirstOrDefault(r => string.Equals(r.Name, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match.Name is not null) return match.Behaviour;
        onReopen.Report($"'{text}' is not a reopen behaviour{NameSuggestions.DidYouMean(text.Trim(), ReopenNames.Select(r => r.Name))}: " +
                        "expected \"resume\" (the clock runs on with the time it had used) or \"restart\" (a new clock starts at the reopen)");
        return null;
    }
}
