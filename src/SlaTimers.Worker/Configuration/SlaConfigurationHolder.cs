using SlaTimers.Configuration;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// The configuration the worker runs with now: validated at start, replaced by a valid reload of the config
/// folder, never by an invalid one. Jobs read <see cref="Current"/> when they run, so a reload applies to the
/// next timer, sync page or delivery.
/// </summary>
public sealed class SlaConfigurationHolder(SlaConfiguration initial)
{
    private volatile SlaConfiguration _current = initial;

    public SlaConfiguration Current => _current;

    /// <summary>Raised after <see cref="Current"/> was replaced.</summary>
    public event Action<SlaConfiguration>? Replaced;

    public void Replace(SlaConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _current = configuration;
        Replaced?.Invoke(configuration);
    }
}
