using Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using SlaTimers.Worker.Hangfire;

namespace SlaTimers.Worker.Tests.Hosting;

public sealed class RecurringJobRegistrationTests
{
    [Fact]
    public async Task AFreeLock_RegistersAtOnce()
    {
        var calls = 0;
        await using var registration = new RecurringJobRegistration("test", () => calls++, NullLogger.Instance);

        Assert.True(registration.Start());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ALockLeftByACrashedInstance_DoesNotFailTheStart_TheRegistrationIsRetriedUntilItIsFree()
    {
        var calls = 0;
        await using var registration = new RecurringJobRegistration("test", () =>
        {
            if (++calls < 3) throw new DistributedLockTimeoutException("recurring-job:sync:zd");
        }, NullLogger.Instance, TimeSpan.FromMilliseconds(10));

        Assert.False(registration.Start());
        await registration.Registered.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task AnotherFailure_IsNotSwallowed()
    {
        await using var registration = new RecurringJobRegistration("test", () => throw new InvalidOperationException("storage down"), NullLogger.Instance);

        Assert.Throws<InvalidOperationException>(() => registration.Start());
    }
}
