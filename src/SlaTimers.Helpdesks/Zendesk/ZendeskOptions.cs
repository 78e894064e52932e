using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// <c>Helpdesks:&lt;name&gt;</c> with <c>"Type": "zendesk"</c>. <see cref="Email"/> and <see cref="ApiToken"/> come
/// from the environment in practice (<c>Helpdesks__&lt;name&gt;__ApiToken</c>); they are never logged.
/// </summary>
public sealed class ZendeskOptions : HelpdeskOptions
{
    public ZendeskOptions() => DisplayPrefix = "ZD";

    /// <summary>The account's address, e.g. <c>https://example.zendesk.com</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The (admin) user the API token belongs to: the incremental export is for admins only.</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    /// <summary>Where the very first sync starts (later ones follow the stored cursor). Default: 30 days back.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Tickets per export page (1–1000). Each ticket costs one audits request, so keep it modest.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Zendesk status, or custom status agent label, → status category (<c>new</c>, <c>open</c>, <c>pending</c>,
    /// <c>on-hold</c>, <c>solved</c>, <c>closed</c>). Entries given are added to the defaults. A ticket whose status
    /// (and custom status) is not here is quarantined.
    /// </summary>
    public Dictionary<string, string> StatusMap { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = "new",
        ["open"] = "open",
        ["pending"] = "pending",
        ["hold"] = "on-hold",
        ["solved"] = "solved",
        ["closed"] = "closed",
    };

    /// <summary>Optional renames of Zendesk priorities, e.g. <c>urgent → P1</c>; unmapped priorities pass as they are.</summary>
    public Dictionary<string, string> PriorityMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Custom field id → the name policies use as <c>custom.&lt;name&gt;</c>; unnamed fields use their id.</summary>
    public Dictionary<string, string> CustomFields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many tickets' audits are read at the same time.</summary>
    public int AuditConcurrency { get; set; } = 4;

    /// <summary>Retries of a transient failure (5xx, timeouts, a short 429) before the read fails.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A 429 whose <c>Retry-After</c> is at most this is waited out; a longer one fails the read so the sync job reschedules.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The status category a <see cref="StatusMap"/> entry names, if it names one.</summary>
    internal bool TryMapStatus(string? zendeskStatus, out StatusCategory category)
    {
        category = default;
        return zendeskStatus is not null && StatusMap.TryGetValue(zendeskStatus, out var text) && StatusCategories.TryParse(text, out category);
    }

    /// <summary>Never prints the credentials.</summary>
    public override string ToString() => $"zendesk {BaseUrl} as {Email} (token {(string.IsNullOrEmpty(ApiToken) ? "missing" : "set")})";
}
