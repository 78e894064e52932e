using CsCheck;
using NodaTime;
using SlaTimers.Core.Calendars;
using SlaTimers.Core.Tests.Calendars.Reference;

namespace SlaTimers.Core.Tests.Calendars;

/// <summary>
/// The engine against <see cref="SecondBySecondCalendar"/> on random calendars (0-3 intervals a weekday,
/// night shifts, holidays, overrides) in four DST zones, starting near their 2018-2019 transitions and
/// New Year; and laws the engine must obey at tick resolution.
/// </summary>
public class PropertyTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);
    private static readonly Duration Second = Duration.FromSeconds(1);

    /// <summary>How far the reference walks before it gives up (then the engine must answer beyond it, or throw).</summary>
    private static readonly Duration Horizon = Duration.FromDays(40);

    /// <summary>Budgets in minutes: zero, a few hours, up to a day, up to three days.</summary>
    private static readonly Gen<int> BudgetMinutes =
        Gen.Frequency((1, Gen.Const(0)), (3, Gen.Int[1, 240]), (3, Gen.Int[1, 1440]), (2, Gen.Int[1, 3 * 1440]));

    /// <summary>A random case with a start on the minute grid, from two days before its focus to one day after.</summary>
    private static readonly Gen<(CalendarCase Case, Instant Start)> CaseAndStart =
        from c in RandomCalendars.OpenCase
        from offset in Gen.Int[-2 * 1440, 1440]
        select (c, c.Focus + Duration.FromMinutes(offset));

    [Fact]
    public void Deadline_matches_the_reference_on_a_minute_grid()
    {
        Gen.Select(CaseAndStart, BudgetMinutes).Sample((cs, minutes) =>
        {
            var (c, start) = cs;
            var budget = Duration.FromMinutes(minutes);
            var expected = c.Reference(Minute).Deadline(start, budget, start + Horizon);

            AssertSameOrBeyond(expected, start + Horizon, () => c.Engine().Deadline(start, budget));
        }, iter: 250, print: x => $"{x.Item1.Case} | start {x.Item1.Start} | budget {x.Item2} min");
    }

    [Fact]
    public void Deadline_matches_the_reference_to_the_second_near_DST_transitions()
    {
        // Starts and budgets at any second; short budgets so the one-second walk stays small.
        var gen = from c in RandomCalendars.OpenCase
                  from offset in Gen.Int[-6 * 3600, 6 * 3600]
                  from budget in Gen.Int[0, 3 * 3600]
                  select (c, c.Focus + Duration.FromSeconds(offset), Duration.FromSeconds(budget));
        gen.Sample((c, start, budget) =>
        {
            var horizon = start + Duration.FromDays(3);
            var expected = c.Reference(Second).Deadline(start, budget, horizon);

            AssertSameOrBeyond(expected, horizon, () => c.Engine().Deadline(start, budget));
        }, iter: 40, print: x => $"{x.Item1} | start {x.Item2} | budget {x.Item3}");
    }

    [Fact]
    public void Budget_ending_exactly_at_a_closing_lands_on_the_reference_next_opening()
    {
        // The budget is what the reference counts from the start up to its first, second or third closing.
        Gen.Select(CaseAndStart, Gen.Int[1, 3]).Sample((cs, closings) =>
        {
            var (c, start) = cs;
            var reference = c.Reference(Minute);
            Instant? closing = start;
            for (var i = 0; i < closings && closing is { } from; i++)
            {
                closing = reference.NextClosing(from, start + Horizon);
            }
            if (closing is not { } end) return; // this calendar is too sparse to find that many closings quickly
            var budget = reference.Elapsed(start, end);
            var expected = reference.NextOpening(end, end + Horizon);

            AssertSameOrBeyond(expected, end + Horizon, () => c.Engine().Deadline(start, budget));
        }, iter: 150, print: x => $"{x.Item1.Case} | start {x.Item1.Start} | up to closing #{x.Item2}");
    }

    [Fact]
    public void Elapsed_matches_the_reference_on_a_minute_grid()
    {
        Gen.Select(CaseAndStart, Gen.Int[0, 10 * 1440]).Sample((cs, minutes) =>
        {
            var (c, from) = cs;
            var to = from + Duration.FromMinutes(minutes);

            Assert.Equal(c.Reference(Minute).Elapsed(from, to), c.Engine().Elapsed(from, to));
        }, iter: 200, print: x => $"{x.Item1.Case} | from {x.Item1.Start} | {x.Item2} min");
    }

    [Fact]
    public void IsOpen_matches_the_reference_at_any_second_near_DST_transitions()
    {
        var gen = from c in RandomCalendars.OpenCase
                  from offsets in Gen.Int[-3 * 86400, 3 * 86400].Array[20, 20]
                  select (c, offsets);
        gen.Sample((c, offsets) =>
        {
            var engine = c.Engine();
            var reference = c.Reference(Second);
            foreach (var offset in offsets)
            {
                var instant = c.Focus + Duration.FromSeconds(offset);
                Assert.True(reference.IsOpen(instant) == engine.IsOpen(instant), $"IsOpen({instant}): reference says {reference.IsOpen(instant)}");
            }
        }, iter: 500, print: x => $"{x.Item1} | offsets {string.Join(",", x.Item2)} s");
    }

    [Fact]
    public void NextOpening_and_NextClosing_match_the_reference_on_a_minute_grid()
    {
        CaseAndStart.Sample((c, start) =>
        {
            var reference = c.Reference(Minute);
            var engine = c.Engine();

            AssertSameOrBeyond(reference.NextOpening(start, start + Horizon), start + Horizon, () => engine.NextOpening(start));
            AssertSameOrBeyond(reference.NextClosing(start, start + Horizon), start + Horizon, () => engine.NextClosing(start));
        }, iter: 200, print: x => $"{x.Item1} | at {x.Item2}");
    }

    [Fact]
    public void CurrentOrNextPeriod_starts_where_the_reference_sees_the_period_start()
    {
        // Starts within 12 hours of a DST transition or New Year, where a period may begin on the other side.
        var gen = from c in RandomCalendars.OpenCase
                  from offset in Gen.Int[-12 * 60, 12 * 60]
                  select (c, c.Focus + Duration.FromMinutes(offset));
        gen.Sample((c, start) =>
        {
            var giveUpBefore = start - Horizon;
            var expected = c.Reference(Minute).PeriodStart(start, giveUpBefore, start + Horizon);

            AssertSameOrBeyond(expected, start + Horizon, () => c.Engine().CurrentOrNextPeriod(start).Start);
        }, iter: 300, print: x => $"{x.Item1} | at {x.Item2}");
    }

    [Fact]
    public void Elapsed_from_start_to_its_deadline_is_the_budget_at_tick_resolution()
    {
        var gen = from c in RandomCalendars.OpenCase
                  from offset in Gen.Long[-3 * TicksPerDay, 3 * TicksPerDay]
                  from budget in Gen.Long[0, 20 * TicksPerDay]
                  select (c, c.Focus + Duration.FromTicks(offset), Duration.FromTicks(budget));
        gen.Sample((c, start, budget) =>
        {
            var engine = c.Engine();
            Instant deadline;
            try
            {
                deadline = engine.Deadline(start, budget);
            }
            catch (CalendarNeverOpensException)
            {
                return; // a calendar with only overrides may run out of hours; see LongHorizonTests
            }

            Assert.Equal(budget, engine.Elapsed(start, deadline));
            Assert.True(engine.IsOpen(deadline), $"deadline {deadline} is not an open instant");
        }, iter: 1_000, print: x => $"{x.Item1} | start {x.Item2} | budget {x.Item3}");
    }

    [Fact]
    public void Deadline_never_decreases_as_the_budget_grows()
    {
        var gen = from c in RandomCalendars.OpenCase
                  from offset in Gen.Long[-3 * TicksPerDay, 3 * TicksPerDay]
                  from smaller in Gen.Long[0, 10 * TicksPerDay]
                  from extra in Gen.Frequency((1, Gen.Const(1L)), (3, Gen.Long[0, 10 * TicksPerDay]))
                  select (c, c.Focus + Duration.FromTicks(offset), Duration.FromTicks(smaller), Duration.FromTicks(smaller + extra));
        gen.Sample((c, start, smaller, larger) =>
        {
            var engine = c.Engine();
            Instant first, second;
            try
            {
                first = engine.Deadline(start, smaller);
                second = engine.Deadline(start, larger);
            }
            catch (CalendarNeverOpensException)
            {
                return;
            }

            Assert.True(start <= first, $"deadline {first} before start {start}");
            Assert.True(first <= second, $"D={smaller} gives {first} but D={larger} gives {second}");
        }, iter: 1_000, print: x => $"{x.Item1} | start {x.Item2} | budgets {x.Item3}, {x.Item4}");
    }

    [Fact]
    public void Elapsed_adds_up_over_adjacent_ranges()
    {
        var gen = from c in RandomCalendars.OpenCase
                  from offsets in Gen.Long[-4 * TicksPerDay, 30 * TicksPerDay].Array[3, 3]
                  select (c, offsets.Order().Select(o => c.Focus + Duration.FromTicks(o)).ToArray());
        gen.Sample((c, points) =>
        {
            var engine = c.Engine();
            Assert.Equal(engine.Elapsed(points[0], points[2]), engine.Elapsed(points[0], points[1]) + engine.Elapsed(points[1], points[2]));
        }, iter: 1_000, print: x => $"{x.Item1} | {string.Join(", ", x.Item2)}");
    }

    [Fact]
    public void A_24x7_calendar_in_a_DST_zone_counts_real_elapsed_time()
    {
        var gen = from zoneId in Gen.OneOf(RandomCalendars.ZoneIds)
                  from ticks in Gen.Long[Instant.FromUtc(2000, 1, 1, 0, 0).ToUnixTimeTicks(), Instant.FromUtc(2040, 1, 1, 0, 0).ToUnixTimeTicks()]
                  from length in Gen.Frequency((3, Gen.Long[0, 10 * TicksPerDay]), (1, Gen.Long[0, 3 * 365 * TicksPerDay]))
                  select (zoneId, Instant.FromUnixTimeTicks(ticks), Duration.FromTicks(length));
        gen.Sample((zoneId, from, length) =>
        {
            var calendar = CalendarBuilder.In(zoneId).OpenEveryDay("00:00-24:00").Build();

            Assert.Equal(length, calendar.Elapsed(from, from + length));
            Assert.Equal(from + length, calendar.Deadline(from, length));
            Assert.True(calendar.IsOpen(from));
        }, iter: 500, print: x => $"{x.Item1} | from {x.Item2} | length {x.Item3}");
    }

    private const long TicksPerDay = 864_000_000_000L;

    /// <summary>
    /// The reference found <paramref name="expected"/> within its horizon: the engine must agree exactly.
    /// It gave up: the engine must answer at or beyond the horizon, or say the calendar never opens again.
    /// </summary>
    private static void AssertSameOrBeyond(Instant? expected, Instant horizon, Func<Instant?> engine)
    {
        if (expected is { } value)
        {
            Assert.Equal(value, engine());
            return;
        }
        try
        {
            // The engine answers beyond the horizon, or null for "no closing within 50 years".
            var actual = engine();
            Assert.True(actual is null || actual >= horizon, $"reference found nothing before {horizon}, engine answered {actual}");
        }
        catch (CalendarNeverOpensException)
        {
        }
    }
}
