using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Configuration;

public sealed class ConfigurationWatcherTests : IDisposable
{
    private readonly TempFolder _config = WorkerConfig.Create();
    private readonly FakeJobClient _jobs = new();
    private readonly ListLogger<ConfigurationWatcher> _log = new();
    private readonly SlaConfigurationHolder _holder;
    private readonly ConfigurationWatcher _watcher;

    public ConfigurationWatcherTests()
    {
        _holder = new SlaConfigurationHolder(WorkerConfig.Load(_config));
        _watcher = new ConfigurationWatcher(_holder, SlaTimers.Notifications.Templates.MessageTemplates.Load(_config.Path), _jobs,
            Options.Create(new ConfigReloadOptions { Debounce = TimeSpan.FromMilliseconds(100) }), _log);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _config.Dispose();
    }

    [Fact]
    public void Reload_AValidChange_ReplacesTheConfigurationAndReevaluatesOpenTickets()
    {
        var before = _holder.Current;
        _config.Write("agreements/test-sla.json", WorkerConfig.Agreement.Replace("\"4s\"", "\"8s\""));

        Assert.True(_watcher.Reload());

        Assert.NotSame(before, _holder.Current);
        var (_, job, _) = Assert.Single(_jobs.Created);
        Assert.Equal(typeof(ReevaluateOpenTicketsJob), job.Type);
    }

    [Fact]
    public void Reload_AnInvalidChange_IsRefusedWithTheCheckConfigLinesAndTheLastGoodStays()
    {
        var before = _holder.Current;
        _config.Write("calendars/broken.json", TempFolder.BrokenCalendarJson);
        var check = CliHarness.Run("check-config", "--config", _config.Path);

        Assert.False(_watcher.Reload());

        Assert.Same(before, _holder.Current);
        Assert.Empty(_jobs.Created);
        var problem = Assert.Single(check.OutLines);
        Assert.Contains((LogLevel.Warning, problem), _log.Entries);
    }

    [Fact]
    public async Task Start_ThenAFileChanges_ReloadsAfterTheDebounce()
    {
        var before = _holder.Current;
        await _watcher.StartAsync(CancellationToken.None);

        _config.Write("agreements/test-sla.json", WorkerConfig.Agreement.Replace("\"4s\"", "\"6s\""));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReferenceEquals(before, _holder.Current) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.NotSame(before, _holder.Current);
        await _watcher.StopAsync(CancellationToken.None);
    }
}

/// <summary>A logger that keeps every entry, for assertions on what was logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception)));
    }
}
