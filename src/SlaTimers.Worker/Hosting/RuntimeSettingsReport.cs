using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Hosting;

/// <summary>
/// Logs at start each setting of <see cref="RuntimeSettingsFile"/> that the process's environment does not have:
/// they cannot take effect any more (the runtime read its environment before Main), but the operator learns that
/// the service was started without them and where to add them.
/// </summary>
public sealed partial class RuntimeSettingsReport(string path, Func<string, string?> environment, ILogger<RuntimeSettingsReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return Task.CompletedTask;
        foreach (var (name, value) in RuntimeSettingsFile.Read(path))
        {
            var actual = environment(name);
            if (!string.Equals(actual, value, StringComparison.Ordinal)) LogNotApplied(name, value, path, actual ?? "unset");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Runtime setting {Name}={Value} from {File} is not in this process's environment ({Actual}); it must be set before the process starts (systemd: EnvironmentFile={File}) — see README, Deploying")]
    private partial void LogNotApplied(string name, string value, string file, string actual);
}
