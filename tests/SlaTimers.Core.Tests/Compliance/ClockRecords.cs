using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Compliance;

namespace SlaTimers.Core.Tests.Compliance;

/// <summary>Clocks, agreements and a period for compliance tests: November 2026 in UTC unless a test says otherwise.</summary>
internal static class ClockRecords
{
    public static readonly Instant PeriodStart = Instant.FromUtc(2026, 11, 1, 0, 0);
    public static readonly Instant PeriodEnd = Instant.FromUtc(2026, 12, 1, 0, 0);
    public static readonly Instant Mid = Instant.FromUtc(2026, 11, 15, 12, 0);
    public static readonly ReportingPeriod November = ReportingPeriod.Month(new YearMonth(2026, 11), DateTimeZone.Utc);

    private static int nextTicket;

    /// <summary>A fresh ticket id, so every record is its own ticket unless a test shares one.</summary>
    public static string NewTicket() => $"T{Interlocked.Increment(ref nextTicket)}";

    public static ClockRecord Met(
        Instant? at = null, Duration? used = null, Metric metric = Metric.Resolution, string agreement = "acme",
        string? policy = "standard", string? priority = "normal", string? ticket = null, string source = "zendesk", string? group = null) =>
        Record(new Clock
        {
            AgreementId = agreement, AgreementKind = AgreementKind.External, Metric = metric, Cycle = 1,
            State = ClockState.Met, PolicyId = policy, Priority = priority,
            Started = (at ?? Mid) - Duration.FromDays(1), Stopped = at ?? Mid,
            Used = used ?? Duration.FromHours(1), Budget = Duration.FromHours(4),
        }, ticket, source, group);

    /// <summary>A breached clock: stopped after its deadline, or still running when <paramref name="stoppedAt"/> is null.</summary>
    public static ClockRecord Breached(
        Instant? at = null, Instant? stoppedAt = null, bool running = false, Duration? used = null, Metric metric = Metric.Resolution,
        string agreement = "acme", string? policy = "standard", string? priority = "normal", string? ticket = null, string? group = null)
    {
        var breachedAt = at ?? Mid;
        return Record(new Clock
        {
            AgreementId = agreement, AgreementKind = AgreementKind.External, Metric = metric, Cycle = 1,
            State = running ? ClockState.BreachedRunning : ClockState.BreachedStopped, PolicyId = policy, Priority = priority,
            Started = breachedAt - Duration.FromDays(1), Stopped = running ? null : stoppedAt ?? breachedAt + Duration.FromHours(1),
            BreachedAt = breachedAt, Deadline = breachedAt,
            Used = used ?? Duration.FromHours(5), Budget = Duration.FromHours(4),
        }, ticket, "zendesk", group);
    }

    /// <summary>A clock without a result: running, paused or cancelled.</summary>
    public static ClockRecord Undecided(ClockState state, Instant? started = null, Instant? stopped = null, string agreement = "acme") =>
        Record(new Clock
        {
            AgreementId = agreement, AgreementKind = AgreementKind.External, Metric = Metric.Resolution, Cycle = 1,
            State = state, PolicyId = "standard", Priority = "normal",
            Started = started ?? Mid, Stopped = stopped, IsPaused = state == ClockState.Paused,
            Used = Duration.FromMinutes(30), Budget = Duration.FromHours(4),
        }, null, "zendesk", null);

    /// <summary>The same clock as one of an internal agreement (an OLA).</summary>
    public static ClockRecord AsOla(this ClockRecord record) =>
        record with { Clock = record.Clock with { AgreementKind = AgreementKind.Internal } };

    public static IEnumerable<ClockRecord> Repeat(int count, Func<ClockRecord> make) => Enumerable.Range(0, count).Select(_ => make());

    public static Agreement External(string id = "acme", decimal target = 95m, ServiceCreditRule? credit = null, params string[] policies) =>
        new()
        {
            Id = id, Name = id.ToUpperInvariant(), Kind = AgreementKind.External, CompliancePercent = target, Credit = credit,
            Policies = [.. (policies.Length == 0 ? ["standard"] : policies).Select(p => new Policy(p, $"Policy {p}", [], []))],
        };

    public static Agreement Internal(string id, string? group, decimal target = 90m, ServiceCreditRule? credit = null) =>
        new()
        {
            Id = id, Name = id, Kind = AgreementKind.Internal, Group = group, CompliancePercent = target, Credit = credit,
            Policies = [new Policy("standard", "Standard", [], [])],
        };

    public static AgreementCompliance Summarize(Agreement agreement, IEnumerable<ClockRecord> clocks, ReportingPeriod? period = null) =>
        Assert.Single(ComplianceCalculator.Summarize(clocks, [agreement], period ?? November).Agreements);

    private static ClockRecord Record(Clock clock, string? ticket, string source, string? group) =>
        new(source, ticket ?? NewTicket(), clock, group);
}
