using Microsoft.Extensions.Options;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>Validates a Zendesk helpdesk's options at start; every problem names its <c>Helpdesks:&lt;name&gt;:&lt;key&gt;</c>.</summary>
internal sealed class ZendeskOptionsValidator : IValidateOptions<ZendeskOptions>
{
    public ValidateOptionsResult Validate(string? name, ZendeskOptions options)
    {
        var problems = new List<string>();
        string Path(string key) => HelpdeskOptions.PathOf(name, key);

        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            problems.Add($"{Path(nameof(options.BaseUrl))} is required: the Zendesk account's address, e.g. https://example.zendesk.com.");
        }
        else if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Path(nameof(options.BaseUrl))} '{options.BaseUrl}' is not an absolute http(s) address, e.g. https://example.zendesk.com.");
        }
        if (string.IsNullOrWhiteSpace(options.Email))
        {
            problems.Add($"{Path(nameof(options.Email))} is required: the admin user the API token belongs to.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            problems.Add($"{Path(nameof(options.ApiToken))} is required: set it in the environment (Helpdesks__{name}__ApiToken), not in a file.");
        }
        if (options.PageSize is < 1 or > 1000)
        {
            problems.Add($"{Path(nameof(options.PageSize))} is {options.PageSize}: it must lie between 1 and 1000.");
        }
        foreach (var (status, category) in options.StatusMap)
        {
            if (!StatusCategories.TryParse(category, out _))
            {
                problems.Add($"{Path($"{nameof(options.StatusMap)}:{status}")} is '{category}': expected one of {StatusCategories.AllConfigNames}.");
            }
        }
        foreach (var (priority, renamed) in options.PriorityMap)
        {
            if (string.IsNullOrWhiteSpace(renamed)) problems.Add($"{Path($"{nameof(options.PriorityMap)}:{priority}")} is empty: give the priority name policies use, e.g. P1.");
        }
        foreach (var (id, fieldName) in options.CustomFields)
        {
            if (!long.TryParse(id, out _)) problems.Add($"{Path($"{nameof(options.CustomFields)}:{id}")}: the key must be a Zendesk custom field id (a number).");
            if (string.IsNullOrWhiteSpace(fieldName) || fieldName.Any(char.IsWhiteSpace))
            {
                problems.Add($"{Path($"{nameof(options.CustomFields)}:{id}")} is '{fieldName}': give the name policies use as custom.<name>, without spaces.");
            }
        }
        Range(problems, Path(nameof(options.AuditConcurrency)), options.AuditConcurrency, 1, 16);
        Range(problems, Path(nameof(options.MaxRetries)), options.MaxRetries, 0, 10);
        Range(problems, Path(nameof(options.RetryDelay)), options.RetryDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Range(problems, Path(nameof(options.MaxRetryAfter)), options.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Range(problems, Path(nameof(options.RequestTimeout)), options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        HelpdeskOptionsChecks.Common(name, options, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Range<T>(List<string> problems, string path, T value, T min, T max) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0) problems.Add($"{path} is {value}: it must lie between {min} and {max}.");
    }
}
