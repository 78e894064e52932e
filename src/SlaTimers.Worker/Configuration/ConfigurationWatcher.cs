using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlaTimers.Configuration;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// Watches the config folder. After a change (and a quiet <see cref="ConfigReloadOptions.Debounce"/>) it reads the
/// whole folder again: a valid configuration replaces the current one and every open ticket is re-evaluated
/// (<see cref="ReevaluateOpenTicketsJob"/>); an invalid one is refused with the same problem lines as
/// <c>slatimers check-config</c>, and the last good configuration stays.
/// </summary>
public sealed partial class ConfigurationWatcher(
    SlaConfigurationHolder holder,
    SlaTimers.Notifications.Templates.MessageTemplates templates,
    IBackgroundJobClient jobs,
    IOptions<ConfigReloadOptions> options,
    ILogger<ConfigurationWatcher> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return Task.CompletedTask;
        var directory = holder.Current.Directory;
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Poke();
        _watcher.Created += (_, _) => Poke();
        _watcher.Deleted += (_, _) => Poke();
        _watcher.Renamed += (_, _) => Poke();
        _watcher.Error += (_, e) =>
        {
            LogWatchError(e.GetException(), directory);
            Poke();
        };
        _watcher.EnableRaisingEvents = true;
        LogWatching(directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null) _watcher.EnableRaisingEvents = false;
        _debounce?.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    /// <summary>Reads the folder now; what a change triggers after the debounce (and what tests call).</summary>
    /// <returns>True when the configuration was replaced.</returns>
    public bool Reload()
    {
        lock (_gate)
        {
            var directory = holder.Current.Directory;
            try
            {
                var result = WorkerConfigLoader.Load(directory);
                if (!result.IsValid)
                {
                    LogRefused(directory, result.Problems.Length);
                    foreach (var problem in result.Problems) LogProblem(problem.ToString());
                    return false;
                }
                holder.Replace(result.Configuration!, ConfigurationFingerprint.Of(directory));
                templates.Reload(); // validated above with the rest of the folder
                var id = ReevaluateOpenTicketsJob.Enqueue(jobs);
                LogReloaded(directory, result.Configuration!.Agreements.Length, result.Configuration.Calendars.All.Count(), id);
                return true;
            }
            catch (Exception e)
            {
                // A timer callback must not throw; the next change tries again.
                LogReloadFailed(e, directory);
                return false;
            }
        }
    }

    private void Poke() => _debounce?.Change(options.Value.Debounce, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the config folder {Directory} for changes.")]
    private partial void LogWatching(string directory);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reloaded the config folder {Directory}: {Agreements} agreements, {Calendars} calendars; re-evaluating open tickets (job {JobId}).")]
    private partial void LogReloaded(string directory, int agreements, int calendars, string jobId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The changed config folder {Directory} has {Count} problem(s); keeping the configuration in use. Fix them (slatimers check-config lists them too):")]
    private partial void LogRefused(string directory, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogProblem(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading the config folder {Directory} failed; keeping the configuration in use.")]
    private partial void LogReloadFailed(Exception e, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the config folder {Directory} was interrupted; reading it again.")]
    private partial void LogWatchError(Exception e, string directory);
}
