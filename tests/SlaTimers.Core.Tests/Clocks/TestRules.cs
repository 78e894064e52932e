using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Text;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Tests.Clocks;

/// <summary>
/// The two calendars clock tests use: the built-in <c>24x7</c> for plain arithmetic, and an office open
/// 09:00-17:00 Monday to Friday in Europe/Amsterdam (UTC+1 in the November week the tests live in).
/// </summary>
internal static class TestCalendars
{
    public const string AlwaysOpen = BusinessCalendarDefinition.AlwaysOpenId;
    public const string Office = "nl-office";

    public static DateTimeZone Amsterdam { get; } = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public static BusinessCalendar OfficeHours { get; } = OfficeCalendar(Office, new LocalTime(9, 0), new LocalTime(17, 0));

    /// <summary>Office hours on weekdays from <paramref name="open"/> to <paramref name="close"/>, Amsterdam time.</summary>
    public static BusinessCalendar OfficeCalendar(string id, LocalTime open, LocalTime close)
    {
        IReadOnlyList<OpeningInterval> day = [new OpeningInterval(open, close)];
        var week = WeeklySchedule.Create(new Dictionary<IsoDayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [IsoDayOfWeek.Monday] = day, [IsoDayOfWeek.Tuesday] = day, [IsoDayOfWeek.Wednesday] = day,
            [IsoDayOfWeek.Thursday] = day, [IsoDayOfWeek.Friday] = day,
        });
        return BusinessCalendar.Create(new BusinessCalendarDefinition(id, id, Amsterdam, week, [], []));
    }

    public static BusinessCalendarCatalog Catalog { get; } = new([OfficeHours]);

    /// <summary>Amsterdam wall-clock time in the week of Monday 2026-11-23 (no DST change near it).</summary>
    public static Instant Mon(int hour, int minute = 0) => Local(23, hour, minute);

    public static Instant Tue(int hour, int minute = 0) => Local(24, hour, minute);

    public static Instant Wed(int hour, int minute = 0) => Local(25, hour, minute);

    public static Instant Fri(int hour, int minute = 0) => Local(27, hour, minute);

    public static Instant NextMon(int hour, int minute = 0) => Local(30, hour, minute);

    private static Instant Local(int day, int hour, int minute) =>
        new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(Amsterdam).ToInstant();
}

/// <summary>Short ways to write agreements, policies, targets and checkpoints as an admin would.</summary>
internal static class TestRules
{
    public const string Customer = "acme";
    public const string Ola = "second-line";
    public const string SecondLine = "Second line";

    public static SlaRules Of(params Agreement[] agreements) => new([.. agreements], TestCalendars.Catalog);

    public static SlaRules Of(BusinessCalendarCatalog calendars, params Agreement[] agreements) => new([.. agreements], calendars);

    /// <summary>An external agreement covering every organization, with no contract period.</summary>
    public static Agreement External(params Policy[] policies) => External(Customer, policies);

    public static Agreement External(string id, params Policy[] policies) => new()
    {
        Id = id, Name = id, Kind = AgreementKind.External, Policies = [.. policies],
    };

    /// <summary>An OLA binding the group "Second line".</summary>
    public static Agreement Internal(params Policy[] policies) => new()
    {
        Id = Ola, Name = Ola, Kind = AgreementKind.Internal, Group = SecondLine, Policies = [.. policies],
    };

    /// <summary>A policy that applies to every ticket.</summary>
    public static Policy Always(string id, params Target[] targets) => new(id, id, [], [.. targets]);

    public static Policy When(string id, Condition condition, params Target[] targets) => new(id, id, [condition], [.. targets]);

    public static Condition Priority(params string[] values) => new FieldCondition(TicketFieldNames.Priority, [.. values]);

    public static Condition Tagged(string tag) => new TagCondition(TagMatch.Any, [tag]);

    public static Condition NotTagged(string tag) => new TagCondition(TagMatch.None, [tag]);

    /// <summary>
    /// A target. <paramref name="budgets"/> reads <c>"normal=4h, urgent=1h"</c> (<c>default=…</c> for every
    /// other priority); <paramref name="pauseOn"/> reads <c>"pending, Waiting for customer"</c>;
    /// checkpoints read <c>"50%"</c>, <c>"30m before"</c>, <c>"+0"</c>, <c>"+1h"</c>, <c>"+1h wall"</c>.
    /// Escalations get levels 1, 2, … in the order given.
    /// </summary>
    public static Target Target(Metric metric, string budgets, string calendar = TestCalendars.AlwaysOpen, string pauseOn = "",
        ReopenBehaviour onReopen = ReopenBehaviour.Resume, params string[] checkpoints) =>
        new(metric, Budgets(budgets), calendar,
            [.. pauseOn.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            onReopen, Checkpoints(checkpoints));

    public static Target FirstResponse(string budgets, string calendar = TestCalendars.AlwaysOpen, params string[] checkpoints) =>
        Target(Metric.FirstResponse, budgets, calendar, checkpoints: checkpoints);

    public static Target Resolution(string budgets, string calendar = TestCalendars.AlwaysOpen, string pauseOn = "pending",
        ReopenBehaviour onReopen = ReopenBehaviour.Resume, params string[] checkpoints) =>
        Target(Metric.Resolution, budgets, calendar, pauseOn, onReopen, checkpoints);

    public static ImmutableDictionary<string, Duration> Budgets(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('='))
            .ToImmutableDictionary(kv => kv[0].Trim(), kv => DurationText.Parse(kv[1].Trim()));

    public static ImmutableArray<Checkpoint> Checkpoints(params string[] texts)
    {
        var level = 0;
        return [.. texts.Select(text =>
        {
            var offset = Offset(text);
            return new Checkpoint(offset, [new RecipientRef(RecipientRole.Assignee)], offset.IsEscalation ? ++level : 0);
        })];
    }

    public static CheckpointOffset Offset(string text)
    {
        var wall = text.EndsWith(" wall", StringComparison.Ordinal);
        var core = wall ? text[..^" wall".Length].Trim() : text.Trim();
        if (core.EndsWith('%')) return CheckpointOffset.Share(double.Parse(core[..^1], System.Globalization.CultureInfo.InvariantCulture));
        if (core.EndsWith(" before", StringComparison.Ordinal)) return CheckpointOffset.Before(DurationText.Parse(core[..^" before".Length]), wall);
        if (core.StartsWith('+')) return CheckpointOffset.After(core == "+0" ? Duration.Zero : DurationText.Parse(core[1..]), wall);
        throw new FormatException($"Not a checkpoint: '{text}'.");
    }
}
