using Microsoft.Extensions.Options;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>
/// <c>Helpdesks:&lt;name&gt;</c> with <c>"Type": "demo"</c>: a helpdesk that needs nothing. Its story is fixed by
/// <see cref="Seed"/> and starts at the first sync, with a few tickets already hours old so that warnings of the
/// shipped agreements come due within the first two minutes.
/// </summary>
public sealed class DemoOptions : HelpdeskOptions
{
    public DemoOptions() => DisplayPrefix = "DEMO";

    /// <summary>Simulated time between two changes (a new ticket, a reply, a status change…).</summary>
    public TimeSpan Pace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How many tickets the demo keeps in play (not yet closed) at once.</summary>
    public int Tickets { get; set; } = 12;

    /// <summary>The story: the same seed gives the same tickets, changes and event ids.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>At most this many tickets per page (after a long pause the rest follows on the next pages).</summary>
    public int PageSize { get; set; } = 200;
}

internal sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        var problems = new List<string>();
        if (options.Pace < TimeSpan.FromSeconds(1) || options.Pace > TimeSpan.FromHours(1))
        {
            problems.Add($"{HelpdeskOptions.PathOf(name, nameof(options.Pace))} is {options.Pace}: it must lie between 00:00:01 and 01:00:00.");
        }
        if (options.Tickets is < 1 or > 1000)
        {
            problems.Add($"{HelpdeskOptions.PathOf(name, nameof(options.Tickets))} is {options.Tickets}: it must lie between 1 and 1000.");
        }
        if (options.PageSize is < 1 or > 10_000)
        {
            problems.Add($"{HelpdeskOptions.PathOf(name, nameof(options.PageSize))} is {options.PageSize}: it must lie between 1 and 10000.");
        }
        HelpdeskOptionsChecks.Common(name, options, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
