using System.Collections.Immutable;
using NodaTime;

namespace SlaTimers.Core.Calendars;

/// <summary>
/// The business-hours engine for one calendar: deadlines, elapsed business time, open/closed, next
/// opening and closing, and explanations. Business time is real elapsed time (the <see cref="Instant"/>
/// timeline) inside open intervals. Years are compiled lazily and cached, so warm queries are a few
/// binary searches; instances are immutable in behaviour and safe to share between threads.
/// </summary>
/// <remarks>
/// Resolution is one tick (100 ns), the finest any helpdesk or .NET timestamp carries; finer parts of
/// an input are truncated. Supported instants lie in the years 2 to 9998.
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>How many consecutive years without any open time end a search.</summary>
    public const int MaxClosedYears = 50;

    private const int MinYear = 2, MaxYear = 9998;
    private const long UnixEpochBclTicks = 621_355_968_000_000_000L;

    private static readonly long MinTicks = Instant.FromUtc(MinYear, 1, 1, 0, 0).ToUnixTimeTicks();
    private static readonly long EndTicks = Instant.FromUtc(MaxYear + 1, 1, 1, 0, 0).ToUnixTimeTicks();

    // Compiled years, by year, in lazily allocated blocks of 64 so a calendar costs little until used.
    private const int YearsPerBlock = 64;
    private readonly YearTimeline?[]?[] _years = new YearTimeline?[]?[(MaxYear + 2) / YearsPerBlock + 1];
    private readonly YearTimelineBuilder _builder;
    private YearTimeline? _recentYear; // the year YearContaining found last (shared by threads: a hint, never wrong)

    private BusinessCalendar(BusinessCalendarDefinition definition)
    {
        Definition = definition;
        _builder = new YearTimelineBuilder(definition);
    }

    public BusinessCalendarDefinition Definition { get; }

    public string Id => Definition.Id;

    public DateTimeZone Zone => Definition.Zone;

    /// <summary>The built-in calendar that is always open.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = Create(BusinessCalendarDefinition.AlwaysOpen);

    /// <exception cref="CalendarNeverOpensException">The definition has no opening hours at all.</exception>
    public static BusinessCalendar Create(BusinessCalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.IsNeverOpen)
        {
            throw new CalendarNeverOpensException(definition.Id, "is never open: it has no weekly hours and no override with hours.");
        }
        if (definition.Overrides.GroupBy(o => o.Date).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Calendar '{definition.Id}' has more than one override for {twice.Key:uuuu-MM-dd}.", nameof(definition));
        }
        return new BusinessCalendar(definition);
    }

    /// <summary>
    /// The latest instant at which a target of <paramref name="budget"/> business time, started at
    /// <paramref name="start"/>, is still met. A budget used up exactly at a closing lands on the next
    /// opening; a zero budget gives the first business instant at or after the start.
    /// </summary>
    public Instant Deadline(Instant start, Duration budget)
    {
        if (budget < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget cannot be negative.");
        var remaining = budget.BclCompatibleTicks;
        var ticks = ToTicks(start);
        var year = YearContaining(ticks);
        var position = year.PositionOf(ticks);
        var closedYears = 0;
        while (true)
        {
            var target = position + remaining;
            if (target < year.Total) return Instant.FromUnixTimeTicks(year.InstantAt(target));
            closedYears = year.Total == 0 ? closedYears + 1 : 0;
            remaining = target - year.Total;
            year = NextYear(year, closedYears);
            position = 0;
        }
    }

    /// <summary>Business time in the half-open range [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Duration Elapsed(Instant from, Instant to)
    {
        if (to < from) throw new ArgumentException($"'to' ({to}) is before 'from' ({from}).", nameof(to));
        long fromTicks = ToTicks(from), toTicks = ToTicks(to);
        var year = YearContaining(fromTicks);
        if (toTicks < year.End) return Duration.FromTicks(year.PositionOf(toTicks) - year.PositionOf(fromTicks));

        var total = year.Total - year.PositionOf(fromTicks);
        for (year = Year(year.Year + 1); year.End <= toTicks; year = Year(year.Year + 1))
        {
            total += year.Total;
        }
        return Duration.FromTicks(total + year.PositionOf(toTicks));
    }

    /// <summary>True when <paramref name="instant"/> lies inside an open interval (opening inclusive, closing exclusive).</summary>
    public bool IsOpen(Instant instant)
    {
        var ticks = ToTicks(instant);
        return YearContaining(ticks).IsOpen(ticks);
    }

    /// <summary>The first instant at or after <paramref name="instant"/> at which the calendar is open.</summary>
    public Instant NextOpening(Instant instant) => Deadline(instant, Duration.Zero);

    /// <summary>
    /// The end of the open period that contains <paramref name="instant"/>, or of the next one; null when
    /// that period does not close within <see cref="MaxClosedYears"/> years (a 24x7 calendar never closes).
    /// </summary>
    public Instant? NextClosing(Instant instant)
    {
        var period = CurrentOrNextPeriod(instant);
        return period.HasEnd ? period.End : null;
    }

    /// <summary>
    /// The open period that contains <paramref name="instant"/>, or else the next one. A period that is
    /// still open <see cref="MaxClosedYears"/> years away has no end (and likewise no start backwards).
    /// </summary>
    public Interval CurrentOrNextPeriod(Instant instant)
    {
        var ticks = ToTicks(instant);
        var (open, close) = PeriodAround(ticks, long.MinValue, long.MaxValue);
        return new Interval(open is { } o ? Instant.FromUnixTimeTicks(o) : null, close is { } c ? Instant.FromUnixTimeTicks(c) : null);
    }

    /// <summary>
    /// The open period holding <paramref name="ticks"/> (or the next), joined across the January 1st cuts
    /// of the year tables but not beyond <paramref name="floor"/> / <paramref name="ceiling"/>; null where it
    /// runs on for more than <see cref="MaxClosedYears"/> years.
    /// </summary>
    private (long? Open, long? Close) PeriodAround(long ticks, long floor, long ceiling)
    {
        var year = YearContaining(ticks);
        var index = year.FirstClosingAfter(ticks);
        var closedYears = 0;
        while (index == year.Count)
        {
            closedYears = year.Total == 0 ? closedYears + 1 : 0;
            year = NextYear(year, closedYears);
            index = 0;
        }
        return (JoinBackward(year, index, floor), JoinForward(year, index, ceiling));
    }

    private long? JoinBackward(YearTimeline year, int index, long floor)
    {
        var open = year.OpenAt(index);
        for (var years = 0; index == 0 && open == year.Start && open > floor; years++)
        {
            if (years == MaxClosedYears || year.Year <= MinYear) return null;
            var previous = Year(year.Year - 1);
            if (previous.Count == 0 || previous.CloseAt(previous.Count - 1) != open) break;
            year = previous;
            index = previous.Count - 1;
            open = previous.OpenAt(index);
        }
        return open;
    }

    private long? JoinForward(YearTimeline year, int index, long ceiling)
    {
        var close = year.CloseAt(index);
        for (var years = 0; index == year.Count - 1 && close == year.End && close < ceiling; years++)
        {
            if (years == MaxClosedYears || year.Year >= MaxYear) return null;
            var next = Year(year.Year + 1);
            if (next.Count == 0 || next.OpenAt(0) != close) break;
            year = next;
            index = 0;
            close = next.CloseAt(0);
        }
        return close;
    }

    /// <summary>
    /// The deadline with how it came about: the open periods it consumed, and the holidays and
    /// closures between start and deadline that took away weekly hours.
    /// </summary>
    public DeadlineExplanation ExplainDeadline(Instant start, Duration budget)
    {
        var deadline = Deadline(start, budget);
        var segments = OpenPeriodsBetween(start, deadline);
        var firstDate = start.InZone(Zone).Date;
        var lastDate = deadline.InZone(Zone).Date;
        var days = DaysBetween(firstDate, lastDate);
        return new DeadlineExplanation(Id, start, budget, deadline, segments, days);
    }

    /// <summary>The open periods (clipped) inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public ImmutableArray<Interval> OpenPeriodsBetween(Instant from, Instant to)
    {
        var result = ImmutableArray.CreateBuilder<Interval>();
        long cursor = ToTicks(from), end = ToTicks(to);
        while (cursor < end)
        {
            var (open, close) = PeriodAround(cursor, cursor, end);
            var segmentStart = Math.Max(open ?? cursor, cursor);
            if (segmentStart >= end) break;
            var segmentEnd = Math.Min(close ?? end, end);
            result.Add(new Interval(Instant.FromUnixTimeTicks(segmentStart), Instant.FromUnixTimeTicks(segmentEnd)));
            cursor = segmentEnd;
        }
        return result.ToImmutable();
    }

    /// <summary>The holidays, closures and changed hours of the dates from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public ImmutableArray<CalendarDay> DaysBetween(LocalDate first, LocalDate last)
    {
        var result = ImmutableArray.CreateBuilder<CalendarDay>();
        for (var y = first.Year; y <= last.Year; y++)
        {
            result.AddRange(Year(y).Days.Where(d => d.Date >= first && d.Date <= last));
        }
        return result.ToImmutable();
    }

    /// <summary>The holidays, closures and changed hours of one year, in date order.</summary>
    public ImmutableArray<CalendarDay> DaysIn(int year) => Year(year).Days;

    private static long ToTicks(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        if (ticks < MinTicks || ticks >= EndTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"Instants must lie in the years {MinYear} to {MaxYear}.");
        }
        return ticks;
    }

    /// <summary>The local year whose [Start, End) holds <paramref name="ticks"/>.</summary>
    private YearTimeline YearContaining(long ticks)
    {
        // Queries come in runs within one year (a ticket's clocks, a batch of deadlines): checking the last
        // year found is cheaper than working out the year from the instant again.
        var recent = Volatile.Read(ref _recentYear);
        if (recent is not null && ticks >= recent.Start && ticks < recent.End) return recent;

        var year = Year(new DateTime(ticks + UnixEpochBclTicks, DateTimeKind.Utc).Year);
        if (ticks < year.Start) year = Year(year.Year - 1);
        else if (ticks >= year.End) year = Year(year.Year + 1);
        Volatile.Write(ref _recentYear, year);
        return year;
    }

    private YearTimeline NextYear(YearTimeline year, int closedYearsSoFar)
    {
        if (closedYearsSoFar >= MaxClosedYears)
        {
            throw new CalendarNeverOpensException(Id, $"has no open hours in the {MaxClosedYears} years up to {year.Year}.");
        }
        if (year.Year >= MaxYear)
        {
            throw new CalendarNeverOpensException(Id, $"has not enough open hours before the year {MaxYear}.");
        }
        return Year(year.Year + 1);
    }

    private YearTimeline Year(int year)
    {
        var block = Volatile.Read(ref _years[year / YearsPerBlock]);
        if (block is null)
        {
            var fresh = new YearTimeline?[YearsPerBlock];
            block = Interlocked.CompareExchange(ref _years[year / YearsPerBlock], fresh, null) ?? fresh;
        }
        var cached = Volatile.Read(ref block[year % YearsPerBlock]);
        if (cached is not null) return cached;
        var built = _builder.Build(year);
        return Interlocked.CompareExchange(ref block[year % YearsPerBlock], built, null) ?? built;
    }
}
