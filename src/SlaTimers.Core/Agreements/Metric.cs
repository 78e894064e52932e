namespace SlaTimers.Core.Agreements;

/// <summary>What a target measures.</summary>
public enum Metric
{
    /// <summary>From creation (or assignment, for an OLA) to the first public agent reply.</summary>
    FirstResponse,

    /// <summary>From each customer message after an agent reply to the next agent reply: one cycle each.</summary>
    NextResponse,

    /// <summary>From each public agent reply to the next one, while the ticket is not solved: one cycle each.</summary>
    PeriodicUpdate,

    /// <summary>From creation (or assignment, for an OLA) to solved.</summary>
    Resolution,
}

public static class Metrics
{
    public static string ToConfigName(this Metric metric) => metric switch
    {
        Metric.FirstResponse => "firstResponse",
        Metric.NextResponse => "nextResponse",
        Metric.PeriodicUpdate => "periodicUpdate",
        _ => "resolution",
    };

    /// <summary>For people: "first response", "next response", "periodic update", "resolution".</summary>
    public static string ToDisplayName(this Metric metric) => metric switch
    {
        Metric.FirstResponse => "first response",
        Metric.NextResponse => "next response",
        Metric.PeriodicUpdate => "periodic update",
        _ => "resolution",
    };

    public static bool TryParse(string? text, out Metric metric)
    {
        foreach (var candidate in Enum.GetValues<Metric>())
        {
            if (string.Equals(candidate.ToConfigName(), text, StringComparison.OrdinalIgnoreCase))
            {
                metric = candidate;
                return true;
            }
        }
        metric = default;
        return false;
    }

    public static string AllConfigNames => string.Join(", ", Enum.GetValues<Metric>().Select(m => m.ToConfigName()));
}
