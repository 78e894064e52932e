using NodaTime;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Core.Tests.Calendars.Reference;

/// <summary>
/// The calendar rules read as literally as possible, to check the engine against. An instant is open when
/// (1) its local date is not closed as a whole (a holiday without an override, or an override without
/// hours), and (2) it lies inside an interval of its own local date or of the previous local date (the
/// tail of a night shift). A date's intervals are its override's hours, else none on a holiday, else the
/// weekly hours; an interval whose end is at or before its start ends on the next date. Local times become
/// instants by the rule in the spec, written out here: in a gap, shift forward by the gap; in an overlap,
/// the earlier occurrence. Every question is answered by walking time one step at a time — one second, or
/// one minute when all inputs lie on the minute grid (all interval boundaries do, as they are whole
/// quarter hours at whole-minute UTC offsets). Slow by design; it shares no code with the engine.
/// </summary>
internal sealed class SecondBySecondCalendar
{
    private readonly BusinessCalendarDefinition _definition;
    private readonly Dictionary<LocalDate, DateOverride> _overrides;
    private readonly Dictionary<int, HashSet<LocalDate>> _holidaysByYear = [];
    private readonly Dictionary<LocalDate, List<(Instant Open, Instant Close)>> _intervalsByDate = [];

    public SecondBySecondCalendar(BusinessCalendarDefinition definition, Duration step)
    {
        _definition = definition;
        _overrides = definition.Overrides.ToDictionary(o => o.Date);
        Step = step;
    }

    public Duration Step { get; }

    private DateTimeZone Zone => _definition.Zone;

    public bool IsOpen(Instant instant)
    {
        var date = instant.InZone(Zone).Date;
        if (IsClosedAsAWhole(date)) return false;
        return Contains(IntervalsOf(date.PlusDays(-1)), instant) || Contains(IntervalsOf(date), instant);
    }

    /// <summary>Walks until the budget is used up, then on to the first open instant; null past <paramref name="giveUpAt"/>.</summary>
    public Instant? Deadline(Instant start, Duration budget, Instant giveUpAt)
    {
        RequireOnGrid(start);
        RequireOnGrid(budget);
        var t = start;
        var left = budget;
        while (left > Duration.Zero)
        {
            if (t >= giveUpAt) return null;
            if (IsOpen(t)) left -= Step;
            t += Step;
        }
        return NextOpening(t, giveUpAt);
    }

    public Instant? NextOpening(Instant instant, Instant giveUpAt)
    {
        RequireOnGrid(instant);
        var t = instant;
        while (!IsOpen(t))
        {
            if (t >= giveUpAt) return null;
            t += Step;
        }
        return t;
    }

    /// <summary>The first closed instant after the open period at or after <paramref name="instant"/>.</summary>
    public Instant? NextClosing(Instant instant, Instant giveUpAt)
    {
        if (NextOpening(instant, giveUpAt) is not { } t) return null;
        while (IsOpen(t))
        {
            if (t >= giveUpAt) return null;
            t += Step;
        }
        return t;
    }

    /// <summary>Where the open period at or after <paramref name="instant"/> started; null before <paramref name="giveUpBefore"/>.</summary>
    public Instant? PeriodStart(Instant instant, Instant giveUpBefore, Instant giveUpAt)
    {
        if (NextOpening(instant, giveUpAt) is not { } t) return null;
        while (IsOpen(t - Step))
        {
            if (t <= giveUpBefore) return null;
            t -= Step;
        }
        return t;
    }

    /// <summary>Open time in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Duration Elapsed(Instant from, Instant to)
    {
        RequireOnGrid(from);
        RequireOnGrid(to);
        var total = Duration.Zero;
        for (var t = from; t < to; t += Step)
        {
            if (IsOpen(t)) total += Step;
        }
        return total;
    }

    /// <summary>The rule for turning a local boundary into an instant (gap: forward by the gap; overlap: earlier).</summary>
    public static Instant Resolve(LocalDateTime local, DateTimeZone zone)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            1 => mapping.Single().ToInstant(),
            2 => mapping.First().ToInstant(),
            _ => local.WithOffset(mapping.EarlyInterval.WallOffset).ToInstant(), // the offset before the gap
        };
    }

    private static bool Contains(List<(Instant Open, Instant Close)> intervals, Instant instant) =>
        intervals.Exists(i => i.Open <= instant && instant < i.Close);

    private bool IsClosedAsAWhole(LocalDate date) =>
        _overrides.TryGetValue(date, out var o) ? o.Hours.IsEmpty : IsHoliday(date);

    private List<(Instant Open, Instant Close)> IntervalsOf(LocalDate date)
    {
        if (_intervalsByDate.TryGetValue(date, out var cached)) return cached;
        IEnumerable<OpeningInterval> hours = _overrides.TryGetValue(date, out var o) ? o.Hours
            : IsHoliday(date) ? []
            : _definition.Week[date.DayOfWeek];
        var result = new List<(Instant Open, Instant Close)>();
        foreach (var hour in hours)
        {
            var endDate = hour.End <= hour.Start ? date.PlusDays(1) : date;
            result.Add((Resolve(date + hour.Start, Zone), Resolve(endDate + hour.End, Zone)));
        }
        return _intervalsByDate[date] = result;
    }

    private bool IsHoliday(LocalDate date)
    {
        if (!_holidaysByYear.TryGetValue(date.Year, out var dates))
        {
            dates = [.. _definition.Holidays.SelectMany(source => source.HolidaysIn(date.Year)).Select(h => h.Date)];
            _holidaysByYear[date.Year] = dates;
        }
        return dates.Contains(date);
    }

    private void RequireOnGrid(Instant instant)
    {
        if (instant.ToUnixTimeTicks() % Step.BclCompatibleTicks != 0) throw new ArgumentException($"{instant} is not on the {Step} grid.");
    }

    private void RequireOnGrid(Duration duration)
    {
        if (duration.BclCompatibleTicks % Step.BclCompatibleTicks != 0) throw new ArgumentException($"{duration} is not on the {Step} grid.");
    }
}
