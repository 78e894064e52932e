using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Records;

/// <summary>
/// A clock as the values of its <c>clocks</c> row. State, metric and kind are stored by their configuration
/// names (<c>breached-running</c>, <c>firstResponse</c>, <c>external</c>) so dashboard SQL reads naturally.
/// The explanation is not stored: it is rebuilt on demand by evaluating the stored timeline again.
/// </summary>
internal readonly record struct ClockColumns(
    string ClockKey,
    int Ordinal,
    string AgreementId,
    string AgreementKind,
    string Metric,
    int Cycle,
    string State,
    bool IsOpen,
    bool IsPaused,
    string? PolicyId,
    string? Priority,
    string? CalendarId,
    Instant Started,
    Instant? Stopped,
    string? StopReason,
    long UsedTicks,
    long BudgetTicks,
    Instant? Deadline,
    Instant? BreachedAt,
    string Checkpoints)
{
    public static ClockColumns From(Clock clock, int ordinal) => new(
        clock.Key,
        ordinal,
        clock.AgreementId,
        KindName(clock.AgreementKind),
        clock.Metric.ToConfigName(),
        clock.Cycle,
        clock.State.ToDisplayName(),
        clock.State.IsOpen(),
        clock.IsPaused,
        clock.PolicyId,
        clock.Priority,
        clock.CalendarId,
        clock.Started,
        clock.Stopped,
        clock.StopReason,
        clock.Used.BclCompatibleTicks,
        clock.Budget.BclCompatibleTicks,
        clock.Deadline,
        clock.BreachedAt,
        CheckpointDocument.Serialize(clock.Checkpoints));

    public static string KindName(AgreementKind kind) => kind.ToString().ToLowerInvariant();

    public static AgreementKind ParseKind(string text) =>
        Enum.TryParse<AgreementKind>(text, ignoreCase: true, out var kind) ? kind : throw Unknown("agreement kind", text);

    public static Metric ParseMetric(string text) => Metrics.TryParse(text, out var metric) ? metric : throw Unknown("metric", text);

    public static ClockState ParseState(string text)
    {
        foreach (var state in Enum.GetValues<ClockState>())
        {
            if (state.ToDisplayName() == text) return state;
        }
        throw Unknown("clock state", text);
    }

    private static FormatException Unknown(string what, string text) => new($"The store holds an unknown {what} '{text}'.");
}
