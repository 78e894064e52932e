using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Hosting;

/// <summary>
/// Logs at start each setting of <see cref="RuntimeSettingsFile"/> that the process's environment lacks (a warning:
/// it cannot take effect any more, the runtime read its environment before Main, but the operator learns that the
/// service was started without it and where to add it) or sets otherwise (information: a deliberate override).
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
        foreach (var (name, value) in settings)
        {
            switch (environment(name))
            {
                case null:
                    LogMissing(name, value, path);
                    break;
                case var actual when !string.Equals(actual, value, StringComparison.Ordinal):
                    LogOverridden(name, actual, path, value);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Runtime setting {Name}={Value} from {File} is not in this process's environment; it must be set before the process starts (systemd: EnvironmentFile={File}) — see README, Deploying")]
    private partial void LogMissing(string name, string value, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime setting {Name} is {Actual} in this process's environment ({File} ships {Value})")]
    private partial void LogOverridden(string name, string actual, string file, string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime settings not checked: {Problem}")]
    private partial void LogUnreadable(string problem);
}
