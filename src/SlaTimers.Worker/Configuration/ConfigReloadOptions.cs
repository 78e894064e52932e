using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Configuration;

/// <summary>The <c>ConfigReload</c> section: reloading the config folder while the worker runs.</summary>
public sealed class ConfigReloadOptions
{
    public const string SectionName = "ConfigReload";

    /// <summary>Watch the config folder and apply a valid change without a restart.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quiet time after the last change before the folder is read: an editor or a copy writes several files and events.</summary>
    [Range(typeof(TimeSpan), "00:00:00.05", "00:01:00")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(1);
}
