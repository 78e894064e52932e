using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Compliance;
using static SlaTimers.Core.Tests.Compliance.ClockRecords;

namespace SlaTimers.Core.Tests.Compliance;

public class PeriodTests
{
    [Fact]
    public void A_clock_met_exactly_at_the_period_start_counts()
    {
        var row = Summarize(External(), [Met(at: PeriodStart)]);

        Assert.Equal(1, row.Figures.Met);
    }

    [Fact]
    public void A_clock_met_exactly_at_the_period_end_counts_in_the_next_period_only()
    {
        // Half-open [Nov 1, Dec 1): met at Dec 1 00:00 belongs to December; in November it was still open.
        var clock = Met(at: PeriodEnd);
        var november = Summarize(External(), [clock]);
        var december = Summarize(External(), [clock], ReportingPeriod.Month(new YearMonth(2026, 12), DateTimeZone.Utc));

        Assert.Equal(0, november.Figures.Clocks);
        Assert.Equal(1, november.Figures.Open);
        Assert.Equal(1, december.Figures.Met);
    }

    [Fact]
    public void A_clock_met_just_before_the_period_end_counts()
    {
        var row = Summarize(External(), [Met(at: PeriodEnd - Duration.Epsilon)]);

        Assert.Equal(1, row.Figures.Met);
    }

    [Fact]
    public void A_clock_met_before_the_period_is_not_counted_at_all()
    {
        var row = Summarize(External(), [Met(at: PeriodStart - Duration.FromMinutes(1))]);

        Assert.Equal(0, row.Figures.Clocks);
        Assert.Equal(0, row.Figures.Open);
    }

    [Fact]
    public void A_breach_counts_in_the_period_of_its_deadline_not_of_its_stop()
    {
        // Deadline missed Oct 31 23:00, ticket solved Nov 2: an October breach; November shows nothing.
        var clock = Breached(at: PeriodStart - Duration.FromHours(1), stoppedAt: PeriodStart + Duration.FromDays(1));
        var row = Summarize(External(), [clock]);

        Assert.Equal(0, row.Figures.Breached);
        Assert.Equal(0, row.Figures.Open);
    }

    [Fact]
    public void A_breached_clock_still_running_counts_by_its_breach_instant()
    {
        // Started Nov 14 12:00 (a day before its deadline), deadline missed Nov 15 12:00, still running: a November breach.
        var row = Summarize(External(), [Breached(at: Mid, running: true)]);

        Assert.Equal(1, row.Figures.Breached);
        Assert.Equal(0m, row.Figures.CompliancePercent);
        Assert.Equal(0, row.Figures.Open);
    }

    [Fact]
    public void Running_paused_and_cancelled_clocks_do_not_count_toward_compliance()
    {
        // 1 met + running + paused + cancelled → 1 decided clock → 100 %; running and paused are open.
        ClockRecord[] clocks =
        [
            Met(),
            Undecided(ClockState.Running),
            Undecided(ClockState.Paused),
            Undecided(ClockState.Cancelled, stopped: Mid + Duration.FromHours(1)),
        ];
        var row = Summarize(External(), clocks);

        Assert.Equal(1, row.Figures.Clocks);
        Assert.Equal(1, row.Figures.Tickets);
        Assert.Equal(100m, row.Figures.CompliancePercent);
        Assert.Equal(2, row.Figures.Open);
    }

    [Fact]
    public void Open_counts_clocks_without_a_result_at_the_period_end()
    {
        // Open at Dec 1 00:00: running since October (yes), met Dec 1 12:00 after starting Nov 30 12:00 (yes: no result by the end),
        // cancelled on Dec 3 (yes), running since Dec 5 (no: started after), cancelled on Nov 20 (no).
        ClockRecord[] clocks =
        [
            Undecided(ClockState.Running, started: PeriodStart - Duration.FromDays(10)),
            Met(at: PeriodEnd + Duration.FromHours(12)),
            Undecided(ClockState.Cancelled, started: Mid, stopped: PeriodEnd + Duration.FromDays(2)),
            Undecided(ClockState.Running, started: PeriodEnd + Duration.FromDays(4)),
            Undecided(ClockState.Cancelled, started: Mid, stopped: Mid + Duration.FromDays(5)),
        ];
        var row = Summarize(External(), clocks);

        Assert.Equal(3, row.Figures.Open);
        Assert.Equal(0, row.Figures.Clocks);
    }

    [Fact]
    public void A_month_in_a_time_zone_runs_from_local_midnight_to_local_midnight_across_dst()
    {
        // March 2026 in Amsterdam: starts Mar 1 00:00 CET (+01) = Feb 28 23:00 UTC; clocks go forward Mar 29,
        // so it ends Apr 1 00:00 CEST (+02) = Mar 31 22:00 UTC.
        var period = ReportingPeriod.Month(new YearMonth(2026, 3), DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]);

        Assert.Equal(Instant.FromUtc(2026, 2, 28, 23, 0), period.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 22, 0), period.End);
        Assert.Equal(new LocalDate(2026, 3, 31), period.LocalDates!.End);
        Assert.True(period.Contains(period.Start));
        Assert.False(period.Contains(period.End));
    }

    [Fact]
    public void A_period_that_does_not_end_after_it_starts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ReportingPeriod.Between(PeriodStart, PeriodStart));
        Assert.Throws<ArgumentException>(() => ReportingPeriod.Dates(new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 1), DateTimeZone.Utc));
    }

    [Fact]
    public void A_single_date_period_covers_that_whole_local_day()
    {
        // Nov 15 in UTC → [Nov 15 00:00, Nov 16 00:00).
        var period = ReportingPeriod.Dates(new LocalDate(2026, 11, 15), new LocalDate(2026, 11, 15), DateTimeZone.Utc);

        Assert.Equal(Duration.FromDays(1), period.End - period.Start);
    }

    [Fact]
    public void A_met_clock_without_a_stop_instant_is_refused_as_inconsistent()
    {
        var broken = Met() with { Clock = Met().Clock with { Stopped = null } };

        Assert.Throws<ArgumentException>(() => Summarize(External(), [broken]));
    }
}
