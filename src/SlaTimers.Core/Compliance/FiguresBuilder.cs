using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;

namespace SlaTimers.Core.Compliance;

/// <summary>A clock record with its standing in the report's period.</summary>
internal readonly record struct CountedClock(ClockRecord Record, PeriodStanding Standing);

/// <summary>Adds up the counted clocks of one row into its <see cref="ComplianceFigures"/>.</summary>
internal static class FiguresBuilder
{
    public static ComplianceFigures Build(IEnumerable<CountedClock> clocks)
    {
        int met = 0, breached = 0, open = 0;
        var tickets = new HashSet<(string, string)>();
        var firstResponse = new List<Duration>();
        var resolution = new List<Duration>();
        foreach (var (record, standing) in clocks)
        {
            switch (standing)
            {
                case PeriodStanding.Open:
                    open++;
                    continue;
                case PeriodStanding.Met:
                    met++;
                    break;
                case PeriodStanding.Breached:
                    breached++;
                    break;
                default:
                    continue;
            }
            tickets.Add(record.TicketKey);
            // Times to respond / resolve exist only once the clock stopped: a breached clock that still runs
            // has a lower bound, not a time, and would change the report each time it is made.
            if (record.Clock.State is ClockState.Met or ClockState.BreachedStopped)
            {
                if (record.Clock.Metric == Metric.FirstResponse) firstResponse.Add(record.Clock.Used);
                else if (record.Clock.Metric == Metric.Resolution) resolution.Add(record.Clock.Used);
            }
        }
        firstResponse.Sort();
        resolution.Sort();
        return new ComplianceFigures
        {
            Tickets = tickets.Count,
            Met = met,
            Breached = breached,
            Open = open,
            MedianFirstResponse = NearestRank.Percentile(firstResponse, 50),
            P90FirstResponse = NearestRank.Percentile(firstResponse, 90),
            MedianResolution = NearestRank.Percentile(resolution, 50),
            P90Resolution = NearestRank.Percentile(resolution, 90),
        };
    }
}
