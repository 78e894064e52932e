namespace SlaTimers.Core.Tickets;

/// <summary>What a helpdesk status means for SLA clocks; each connector maps its own statuses to one.</summary>
public enum StatusCategory
{
    New,
    Open,
    Pending,
    OnHold,
    Solved,
    Closed,
}

public static class StatusCategories
{
    /// <summary>Solved and closed tickets are done: resolution clocks stop.</summary>
    public static bool IsDone(this StatusCategory status) => status is StatusCategory.Solved or StatusCategory.Closed;

    /// <summary>The configuration spelling: <c>new</c>, <c>open</c>, <c>pending</c>, <c>on-hold</c>, <c>solved</c>, <c>closed</c>.</summary>
    public static string ToConfigName(this StatusCategory status) => status switch
    {
        StatusCategory.New => "new",
        StatusCategory.Open => "open",
        StatusCategory.Pending => "pending",
        StatusCategory.OnHold => "on-hold",
        StatusCategory.Solved => "solved",
        _ => "closed",
    };

    public static bool TryParse(string? text, out StatusCategory status)
    {
        status = default;
        var key = text?.Trim().Replace("-", "").Replace("_", "").ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<StatusCategory>())
        {
            if (candidate.ToString().ToLowerInvariant() == key)
            {
                status = candidate;
                return true;
            }
        }
        return false;
    }

    public static string AllConfigNames => string.Join(", ", Enum.GetValues<StatusCategory>().Select(s => s.ToConfigName()));
}
