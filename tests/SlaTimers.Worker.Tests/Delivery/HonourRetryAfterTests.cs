using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using SlaTimers.Notifications.Channels;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Delivery;

/// <summary>
/// The retry filter in Hangfire's real state machine (on its SQLite storage): a delivery job that failed is elected
/// through the job's filters — AutomaticRetry, then <see cref="HonourRetryAfterAttribute"/>.
/// </summary>
public sealed class HonourRetryAfterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly JobStorage _storage;
    private readonly BackgroundJobClient _client;

    public HonourRetryAfterTests()
    {
        // Hangfire logs through a process-wide provider, which a worker host of another test may have set and disposed.
        global::Hangfire.Logging.LogProvider.SetCurrentLogProvider(new Silent());
        _storage = HangfireStorageFactory.Sqlite(_folder.Combine("hangfire.db"), new HangfireOptions());
        _client = new BackgroundJobClient(_storage);
    }

    public void Dispose()
    {
        (_storage as IDisposable)?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private (DateTime EnqueueAt, string? Reason) FailWith(Exception failure)
    {
        var id = _client.Create(Job.FromExpression<DeliveryJob>(job => job.DeliverAsync("key", "title", CancellationToken.None)), new EnqueuedState(HangfireQueues.Delivery));
        _client.ChangeState(id, new FailedState(failure), null); // false: the election chose another state (Scheduled)
        using var connection = _storage.GetConnection();
        var state = connection.GetStateData(id);
        Assert.Equal(ScheduledState.StateName, state.Name);
        return (JobHelper.DeserializeDateTime(state.Data["EnqueueAt"]), state.Reason);
    }

    private sealed class Silent : global::Hangfire.Logging.ILogProvider
    {
        public global::Hangfire.Logging.ILog GetLogger(string name) => new Nothing();

        private sealed class Nothing : global::Hangfire.Logging.ILog
        {
            public bool Log(global::Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }

    private static TimeSpan Delay(DateTime enqueueAt) => enqueueAt - DateTime.UtcNow;

    [Fact]
    public void ATransientFailureWithRetryAfter_IsRetriedAfterThatDelay()
    {
        var (at, reason) = FailWith(new TransientDeliveryException("graph-mail: HTTP 429", TimeSpan.FromSeconds(90)));

        Assert.InRange(Delay(at), TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(91));
        Assert.Contains("after the 90 s the delivery asked for", reason);
    }

    [Fact]
    public void ATransientFailureWithoutRetryAfter_KeepsAutomaticRetrysBackOff()
    {
        var (at, _) = FailWith(new TransientDeliveryException("421 try later"));

        Assert.InRange(Delay(at), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(11)); // the first delay: 10 s
    }

    [Fact]
    public void AnEnormousRetryAfter_IsCappedAtAnHour()
    {
        var (at, _) = FailWith(new TransientDeliveryException("teams: HTTP 503", TimeSpan.FromDays(2)));

        Assert.InRange(Delay(at), TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void APermanentFailure_IsNotRetried()
    {
        var id = _client.Create(Job.FromExpression<DeliveryJob>(job => job.DeliverAsync("key", "title", CancellationToken.None)), new EnqueuedState(HangfireQueues.Delivery));
        Assert.True(_client.ChangeState(id, new FailedState(new PermanentDeliveryException("550")), null));
        using var connection = _storage.GetConnection();
        Assert.Equal(FailedState.StateName, connection.GetStateData(id).Name);
    }

    [Fact]
    public void TheFilterRunsAfterAutomaticRetry()
    {
        Assert.True(new HonourRetryAfterAttribute().Order > new AutomaticRetryAttribute().Order);
    }

    [Fact]
    public void RetryAfterOf_ReadsAWrappedTransientFailure_AndKeepsItWithinBounds()
    {
        var inner = new TransientDeliveryException("429", TimeSpan.FromMilliseconds(10));
        Assert.Equal(HonourRetryAfterAttribute.MinDelay, HonourRetryAfterAttribute.RetryAfterOf(new InvalidOperationException("wrapped", inner)));
        Assert.Null(HonourRetryAfterAttribute.RetryAfterOf(new IOException("reset")));
    }
}
