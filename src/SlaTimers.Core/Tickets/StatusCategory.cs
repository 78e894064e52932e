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

    /// <summary>
    /// Each category's name as <see cref="TryParse"/> compares it, made once: connectors parse a status for every
    /// status of every ticket they read.
    /// </summary>
    private static readonly (string Key, StatusCategory Status)[] ParseKeys =
        [.. Enum.GetValues<StatusCategory>().Select(s => (s.ToString().ToLowerInvariant(), s))];

    /// <summary>A category's name in any case, with or without <c>-</c> / <c>_</c> (<c>on-hold</c>, <c>On_Hold</c>, <c>onhold</c>).</summary>
    public static bool TryParse(string? text, out StatusCategory status)
    {
        status = default;
        var key = text?.Trim().Replace("-", "").Replace("_", "").ToLowerInvariant();
        foreach (var (candidate, category) in ParseKeys)
        {
            if (candidate == key)
            {
                status = category;
                return true;
            }
        }
        return false;
    }

    public static string AllConfigNames => string.Join(", ", Enum.GetValues<StatusCategory>().Select(s => s.ToConfigName()));
}
