using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Hosting;

/// <summary>
/// Logs at start the settings of <see cref="RuntimeSettingsFile"/> that the process's environment lacks (one warning
/// naming them all: they cannot take effect any more, the runtime read its environment before Main, but the operator
/// learns that the service was started without them and where to add them) and each one it sets otherwise
/// (information: a deliberate override).
/// A file that cannot be read is a warning too, not a reason to stop the worker.
/// </summary>
public sealed partial class RuntimeSettingsReport(string path, Func<string, string?> environment, ILogger<RuntimeSettingsReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyValuePair<string, string>> settings;
        try
        {
            settings = RuntimeSettingsFile.ReadIfPresent(path);
        }
        catch (FormatException e)
        {
            LogUnreadable(e.Message);
            return Task.CompletedTask;
        }
        var missing = new List<string>();
        foreach (var (name, value) in settings)
        {
            switch (environment(name))
            {
                case null:
                    missing.Add($"{name}={value}");
                    break;
                case var actual when !string.Equals(actual, value, StringComparison.Ordinal):
                    LogOverridden(name, actual, path, value);
                    break;
            }
        }
        if (missing.Count > 0) LogMissing(path, string.Join(", ", missing));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Runtime settings from {File} not in this process's environment: {Settings}; they must be set before the process starts (systemd: EnvironmentFile={File}) — see README, Deploying")]
    private partial void LogMissing(string file, string settings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime setting {Name} is {Actual} in this process's environment ({File} ships {Value})")]
    private partial void LogOverridden(string name, string actual, string file, string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime settings not checked: {Problem}")]
    private partial void LogUnreadable(string problem);
}
