using SlaTimers.Configuration;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// The configuration the worker runs with now: validated at start, replaced by a valid reload of the config
/// folder, never by an invalid one. Jobs read <see cref="Current"/> when they run, so a reload applies to the
/// next timer, sync page or delivery.
/// </summary>
public sealed class SlaConfigurationHolder(SlaConfiguration initial, string? fingerprint = null)
{
    private volatile LoadedConfiguration _loaded = new(initial, fingerprint);

    public SlaConfiguration Current => _loaded.Configuration;

    /// <summary><see cref="Current"/> with the <see cref="ConfigurationFingerprint"/> of the folder it was loaded from, read together.</summary>
    public LoadedConfiguration Loaded => _loaded;

    /// <summary>Raised after <see cref="Current"/> was replaced.</summary>
    public event Action<SlaConfiguration>? Replaced;

    public void Replace(SlaConfiguration configuration, string? fingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _loaded = new LoadedConfiguration(configuration, fingerprint);
        Replaced?.Invoke(configuration);
    }
}

/// <param name="Fingerprint">The folder's <see cref="ConfigurationFingerprint"/>; null for a configuration built in code (tests).</param>
public sealed record LoadedConfiguration(SlaConfiguration Configuration, string? Fingerprint);
