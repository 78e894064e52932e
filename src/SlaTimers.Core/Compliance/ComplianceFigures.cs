using NodaTime;

namespace SlaTimers.Core.Compliance;

/// <summary>
/// The numbers of one report row, over the clocks decided in the period (see <see cref="PeriodStandings"/>).
/// </summary>
public sealed record ComplianceFigures
{
    public static ComplianceFigures Empty { get; } = new();

    /// <summary>Distinct tickets (source and id) with at least one decided clock in the row.</summary>
    public int Tickets { get; init; }

    /// <summary>Decided clocks: <see cref="Met"/> + <see cref="Breached"/>.</summary>
    public int Clocks => Met + Breached;

    public int Met { get; init; }

    /// <summary>Breached clocks, whether they stopped since or still run.</summary>
    public int Breached { get; init; }

    /// <summary>Clocks without a result at the end of the period; not part of compliance.</summary>
    public int Open { get; init; }

    /// <summary>
    /// Met ÷ (met + breached) × 100, unrounded (decimal precision; multiplied first, so 2 of 3 gives
    /// 66.666…67 to 28 digits); null when no clock was decided.
    /// Targets and service credits are judged on this exact value.
    /// </summary>
    public decimal? CompliancePercent => Clocks == 0 ? null : 100m * Met / Clocks;

    /// <summary>
    /// <see cref="CompliancePercent"/> cut to 2 decimals toward zero, for display: 94.996 shows as 94.99, so a
    /// missed target never reads as met (rounding half up would show 95.00).
    /// </summary>
    public decimal? DisplayCompliancePercent =>
        CompliancePercent is { } percent ? Math.Round(percent, 2, MidpointRounding.ToZero) : null;

    /// <summary>Nearest-rank median business time of the first-response clocks that stopped in the period.</summary>
    public Duration? MedianFirstResponse { get; init; }

    /// <summary>Nearest-rank 90th percentile business time of the first-response clocks that stopped in the period.</summary>
    public Duration? P90FirstResponse { get; init; }

    /// <summary>Nearest-rank median business time of the resolution clocks that stopped in the period.</summary>
    public Duration? MedianResolution { get; init; }

    /// <summary>Nearest-rank 90th percentile business time of the resolution clocks that stopped in the period.</summary>
    public Duration? P90Resolution { get; init; }
}
