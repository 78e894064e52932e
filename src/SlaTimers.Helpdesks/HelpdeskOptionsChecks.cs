namespace SlaTimers.Helpdesks;

/// <summary>Checks of the keys every helpdesk type has; each type's validator calls them.</summary>
internal static class HelpdeskOptionsChecks
{
    public static void Common(string? name, HelpdeskOptions options, List<string> problems)
    {
        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"{HelpdeskOptions.PathOf(name, nameof(options.PollInterval))} is {options.PollInterval}: it must lie between 00:00:01 and 1.00:00:00.");
        }
        if (options.DisplayPrefix is { } prefix && (prefix.Length > 16 || prefix.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{HelpdeskOptions.PathOf(name, nameof(options.DisplayPrefix))} '{prefix}' must be at most 16 characters without spaces, e.g. \"ZD\".");
        }
    }
}
