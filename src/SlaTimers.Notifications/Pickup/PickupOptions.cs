using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Notifications.Pickup;

/// <summary>The zero-setup channel: each message is written as an .eml file into a folder.</summary>
public sealed class PickupOptions
{
    public const string SectionName = "Channels:pickup";

    /// <summary>Where the .eml files go; relative paths are relative to the working directory.</summary>
    [Required]
    public string Directory { get; set; } = "data/outbox";

    /// <summary>The From address written into the files.</summary>
    [Required]
    public string From { get; set; } = "SlaTimers <slatimers@localhost>";
}
