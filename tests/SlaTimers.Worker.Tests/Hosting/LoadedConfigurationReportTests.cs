using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Configuration;
using SlaTimers.Worker.Hosting;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Hosting;

public class LoadedConfigurationReportTests
{
    [Fact]
    public async Task StartAsync_LogsEachCalendarWithZoneAndTheCurrentYearsHolidays()
    {
        var configuration = SlaConfigurationLoader.Load(TestPaths.RealConfig).GetOrThrow();
        var logger = new ListLogger<LoadedConfigurationReport>();
        // nl-servicedesk.json has two overrides in 2027 (24 and 31 Dec, 09:00-13:00); holidays come from a library.
        var clock = new FakeClock(Instant.FromUtc(2027, 3, 1, 12, 0));

        await new LoadedConfigurationReport(configuration, clock, logger).StartAsync(CancellationToken.None);

        Assert.Equal($"Loaded {configuration.Calendars.All.Count()} calendars from {configuration.Directory}", logger.Messages[0]);
        var nl = Assert.Single(logger.Messages, m => m.StartsWith("Calendar nl-servicedesk:"));
        Assert.Matches(@"^Calendar nl-servicedesk: zone Europe/Amsterdam, \d+ holidays and 2 overrides in 2027$", nl);
        Assert.Contains("Calendar 24x7: zone UTC, 0 holidays and 0 overrides in 2027", logger.Messages);
    }

    [Fact]
    public void Build_WithBrokenConfig_ThrowsWithEveryProblem()
    {
        using var folder = TempFolder.WithBrokenCalendar();

        var e = Assert.Throws<ConfigurationInvalidException>(() =>
            WorkerHost.Build(new WorkerHostSettings([], folder.Path, folder.Path, new FakeClock(CliHarness.Now))));

        Assert.Equal("calendars/broken.json", Assert.Single(e.Problems).File);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
