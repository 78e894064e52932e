using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>
/// The last lines an in-process host logged (at the levels its configuration lets through), for a failing
/// assertion's message: a dashboard request answered 500 says why only in the host's log.
/// </summary>
public sealed class RecentLogLines : ILoggerProvider
{
    private const int Kept = 50;
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public string Tail() => _lines.IsEmpty ? "(nothing logged)" : string.Join('\n', _lines);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Kept) _lines.TryDequeue(out _);
    }

    private sealed class Logger(RecentLogLines lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
    }
}
