namespace SlaTimers.Helpdesks;

/// <summary>
/// The helpdesk answered, but not with something we can use: a page that is not the documented JSON, or an
/// error status that retries did not cure. The page is not stored, so the sync cursor stays where it was.
/// </summary>
public sealed class HelpdeskResponseException(string source, string url, string problem, Exception? inner = null)
    : Exception($"Helpdesk '{source}': {problem} (GET {url})", inner)
{
    /// <summary>The configured helpdesk name.</summary>
    public string Helpdesk { get; } = source;

    /// <summary>The request's address (path and query; credentials never appear in it).</summary>
    public string Url { get; } = url;
}
