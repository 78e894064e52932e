using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Core.Storage;
using SlaTimers.Storage;
using SlaTimers.Worker.Tests.Configuration;
using SlaTimers.Worker.Tests.Dashboard;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Timers;

/// <summary>The maintenance run's word on late timers: silent within <c>Timers:LateAfter</c>, a warning past it that names SQLite's limit on SQLite.</summary>
public sealed class TimerBacklogWatchTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 27, 14, 0);

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(30)]
    public async Task WithinLateAfter_NothingIsSaid(int waitedSeconds)
    {
        var (watch, log) = Watch(new TimerBacklog(3, Now - Duration.FromSeconds(waitedSeconds)), "postgres");

        await watch.CheckAsync(CancellationToken.None);

        Assert.Empty(log.Entries);
    }

    [Theory]
    [InlineData("postgres", false)]
    [InlineData("sqlite", true)]
    public async Task PastLateAfter_AWarningSaysHowFarBehind_AndOnSqliteWhatToMoveTo(string provider, bool namesPostgres)
    {
        var (watch, log) = Watch(new TimerBacklog(6_211, Now - Duration.FromSeconds(52.4)), provider);

        await watch.CheckAsync(CancellationToken.None);

        var (level, message) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith("Timers are 52 s behind their instants (6211 overdue, Timers:LateAfter 00:00:30)", message);
        Assert.Equal(namesPostgres, message.Contains("Storage:Provider=postgres", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsTheHostsLoop_ItLooksAtStartAndEveryLateAfter_AndAStoreThatFailsOnceDoesNotStopIt()
    {
        var queries = new FakeSlaQueries { TimerBacklog = new TimerBacklog(5, Now - Duration.FromMinutes(2)) };
        var time = new FakeTimeProvider();
        var log = new ListLogger<TimerBacklogWatch>();
        using var watch = new TimerBacklogWatch(queries, new FakeClock(Now), time,
            Options.Create(new TimerOptions { LateAfter = TimeSpan.FromSeconds(30) }), Options.Create(new StorageOptions { Provider = "postgres" }), log);

        await watch.StartAsync(CancellationToken.None);
        await UntilAsync(() => log.Entries.Count == 1); // at start
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        Assert.Single(log.Entries); // not before LateAfter has passed
        queries.Failure = new InvalidOperationException("the store is away");
        time.Advance(TimeSpan.FromSeconds(1));
        await UntilAsync(() => log.Entries.Count == 2);
        queries.Failure = null;
        time.Advance(TimeSpan.FromSeconds(30));
        await UntilAsync(() => log.Entries.Count == 3);
        await watch.StopAsync(CancellationToken.None);

        Assert.Equal([LogLevel.Warning, LogLevel.Debug, LogLevel.Warning], log.Entries.Select(e => e.Level));
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the watch did not look in time");
            await Task.Delay(10);
        }
    }

    private static (TimerBacklogWatch Watch, ListLogger<TimerBacklogWatch> Log) Watch(TimerBacklog backlog, string provider)
    {
        var log = new ListLogger<TimerBacklogWatch>();
        var watch = new TimerBacklogWatch(new FakeSlaQueries { TimerBacklog = backlog }, new FakeClock(Now), TimeProvider.System,
            Options.Create(new TimerOptions { LateAfter = TimeSpan.FromSeconds(30) }), Options.Create(new StorageOptions { Provider = provider }), log);
        return (watch, log);
    }
}
