using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NodaTime;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// The <c>Dashboard</c> section: who may see the dashboard (Hangfire's and the SLA pages), <c>/healthz</c> and
/// <c>/metrics</c>, and the zone the SLA pages show instants in. Without <see cref="Users"/> only local requests
/// are answered; with users, every request logs in with HTTP Basic (see <see cref="DashboardAccess"/>).
/// </summary>
public sealed class DashboardSettings
{
    public const string SectionName = "Dashboard";
    public const string DefaultTimeZone = "Europe/Amsterdam";

    /// <summary>The IANA zone of the SLA pages' dates and times ("today", "this week", "this month" too).</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>Who may log in; empty: local requests only.</summary>
    public List<DashboardUserSettings> Users { get; set; } = [];

    /// <summary>
    /// Lets anyone read <c>/healthz</c> and <c>/metrics</c> without logging in (a load balancer, a scraper without
    /// credentials). They show counts, helpdesk names and sync errors; never settings or secrets.
    /// </summary>
    public bool AnonymousHealthAndMetrics { get; set; }

    /// <summary>Rows an SLA page lists at most.</summary>
    public int MaxRows { get; set; } = 500;

    /// <summary>The section bound and checked; an invalid one stops the start, naming each key.</summary>
    /// <exception cref="OptionsValidationException">The section has problems.</exception>
    public static DashboardSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<DashboardSettings>() ?? new DashboardSettings();
        var problems = settings.Problems();
        if (problems.Count > 0) throw new OptionsValidationException(SectionName, typeof(DashboardSettings), problems);
        return settings;
    }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone.Trim())
        ?? throw new InvalidOperationException($"{SectionName}:TimeZone '{TimeZone}' is not an IANA time zone.");

    /// <summary>What is wrong, one line per problem; the password hashes are never repeated.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone.Trim()) is null)
        {
            problems.Add($"{SectionName}:TimeZone '{TimeZone}' is not an IANA time zone (e.g. {DefaultTimeZone}).");
        }
        if (MaxRows is < 1 or > 10_000) problems.Add($"{SectionName}:MaxRows is {MaxRows}: use 1 to 10000.");

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Users.Count; i++)
        {
            var user = Users[i];
            var path = $"{SectionName}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Contains(':', StringComparison.Ordinal))
            {
                problems.Add($"{path}:Name is missing or contains ':' (HTTP Basic separates the name from the password with it).");
            }
            else if (!names.Add(user.Name))
            {
                problems.Add($"{path}:Name '{user.Name}' is configured twice.");
            }
            if (!DashboardPasswordHasher.TryParse(user.PasswordHash, out _, out var problem))
            {
                problems.Add($"{path}:PasswordHash {problem}. Make one with 'slatimers dashboard hash-password'.");
            }
            if (DashboardRoles.Parse(user.Role) is null)
            {
                problems.Add($"{path}:Role is '{user.Role}': use 'admin' or 'viewer'.");
            }
        }
        return problems;
    }
}

/// <summary>One entry of <c>Dashboard:Users</c>.</summary>
public sealed class DashboardUserSettings
{
    public string Name { get; set; } = "";

    /// <summary>See <see cref="DashboardPasswordHasher"/>. Keep it out of files others read (environment, user secrets).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary><c>admin</c> (everything) or <c>viewer</c> (read only).</summary>
    public string Role { get; set; } = "viewer";

    public override string ToString() => $"{Name} ({Role})";
}

/// <summary>What a dashboard user may do.</summary>
public enum DashboardRole
{
    /// <summary>Reads every page; no buttons that change jobs, no POST.</summary>
    Viewer,

    /// <summary>Everything Hangfire's dashboard offers: retry, delete, trigger.</summary>
    Admin,
}

public static class DashboardRoles
{
    public static DashboardRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "admin" => DashboardRole.Admin,
        "viewer" => DashboardRole.Viewer,
        _ => null,
    };
}
