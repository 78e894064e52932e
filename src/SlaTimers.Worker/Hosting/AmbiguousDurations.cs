using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SlaTimers.Helpdesks;
using SlaTimers.Storage;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Dashboard;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Hosting;

/// <summary>
/// Refuses a duration setting written as hours of a day or more — <c>Timers:Horizon=24:00:00</c> — which .NET's
/// <see cref="TimeSpan"/> parser does not read as hours: "24:00:00" is 24 <em>days</em>, and within every range we
/// check. A day is written <c>1.00:00:00</c>. Only our own sections are looked at.
/// </summary>
public static partial class AmbiguousDurations
{
    /// <summary>The sections whose settings include durations (every channel's under <c>Channels</c>).</summary>
    private static readonly string[] Sections =
    [
        TimerOptions.SectionName, DeliveryOptions.SectionName, SyncOptions.SectionName, HangfireOptions.SectionName,
        ConfigReloadOptions.SectionName, StorageOptions.SectionName, DashboardSettings.SectionName, HelpdeskOptions.SectionName, "Channels",
    ];

    /// <exception cref="OptionsValidationException">A setting reads as hours ≥ 24; one failure per setting, naming it.</exception>
    public static void ThrowIfAny(IConfiguration configuration)
    {
        var failures = Find(configuration).ToList();
        if (failures.Count > 0) throw new OptionsValidationException("settings", typeof(IConfiguration), failures);
    }

    public static IEnumerable<string> Find(IConfiguration configuration)
    {
        var settings = Sections.SelectMany(section => configuration.GetSection(section).AsEnumerable()).OrderBy(s => s.Key, StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            if (value is null || HoursOfADayOrMore().Match(value) is not { Success: true } match) continue;
            var hours = match.Groups[1].Value;
            if (int.Parse(hours, CultureInfo.InvariantCulture) < 24) continue;
            var read = TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? $".NET reads it as {span.TotalDays:0.##} days" : ".NET cannot read it";
            yield return $"{key} is '{value}', which is not {hours} hours: {read}. Write days before a dot: '1.00:00:00' is one day.";
        }
    }

    [GeneratedRegex(@"^\s*(\d+):\d{2}(:\d{2}(\.\d+)?)?\s*$")]
    private static partial Regex HoursOfADayOrMore();
}
