using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

        Assert.Equal(3, (await watch.CheckAsync(CancellationToken.None)).Overdue);
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

    private static (TimerBacklogWatch Watch, ListLogger<TimerBacklogWatch> Log) Watch(TimerBacklog backlog, string provider)
    {
        var log = new ListLogger<TimerBacklogWatch>();
        var watch = new TimerBacklogWatch(new FakeSlaQueries { TimerBacklog = backlog }, new FakeClock(Now),
            Options.Create(new TimerOptions { LateAfter = TimeSpan.FromSeconds(30) }), Options.Create(new StorageOptions { Provider = provider }), log);
        return (watch, log);
    }
}
