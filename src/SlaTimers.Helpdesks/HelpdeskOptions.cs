namespace SlaTimers.Helpdesks;

/// <summary>
/// What every configured helpdesk has, under <c>Helpdesks:&lt;name&gt;</c>: its <see cref="Type"/>, how often the
/// sync job polls it, and the prefix people know its tickets by. Each type adds its own keys.
/// </summary>
public abstract class HelpdeskOptions
{
    /// <summary>The configuration section that holds one child per helpdesk, keyed by its name.</summary>
    public const string SectionName = "Helpdesks";

    /// <summary><c>demo</c> or <c>zendesk</c> (<see cref="HelpdeskTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>How often the sync job reads the helpdesk's changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The prefix of a ticket's display id ("ZD" gives "ZD-4821"); each type has a default.</summary>
    public string? DisplayPrefix { get; set; }

    /// <summary>The configuration path of one of this helpdesk's keys, as problems name it.</summary>
    public static string PathOf(string? helpdeskName, string key) => $"{SectionName}:{helpdeskName}:{key}";
}

/// <summary>The helpdesk types <c>Helpdesks:&lt;name&gt;:Type</c> accepts.</summary>
public static class HelpdeskTypes
{
    /// <summary>The built-in demo helpdesk: needs nothing, makes up tickets over time.</summary>
    public const string Demo = "demo";

    /// <summary>Zendesk Support, read through the incremental ticket export and per-ticket audits.</summary>
    public const string Zendesk = "zendesk";

    public static IReadOnlyList<string> All { get; } = [Demo, Zendesk];
}
