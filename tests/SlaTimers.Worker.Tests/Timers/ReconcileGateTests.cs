using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Timers;

public class ReconcileGateTests
{
    [Fact]
    public async Task Run_WhileAnotherRuns_ReturnsAtOnceAndTheRunningOneGoesAgain()
    {
        var gate = new ReconcileGate();
        var release = new TaskCompletionSource();
        var runs = 0;
        async Task Reconcile(CancellationToken _)
        {
            if (Interlocked.Increment(ref runs) == 1) await release.Task;
        }

        var first = gate.RunAsync(Reconcile, CancellationToken.None);
        await gate.RunAsync(Reconcile, CancellationToken.None); // returns at once: the first one is busy
        await gate.RunAsync(Reconcile, CancellationToken.None); // coalesced with the request before
        Assert.Equal(1, runs);

        release.SetResult();
        await first;

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Run_AFailedRun_LeavesTheRequestForTheNextCaller()
    {
        var gate = new ReconcileGate();
        var runs = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(_ => Interlocked.Increment(ref runs) == 1
            ? throw new InvalidOperationException("database away")
            : Task.CompletedTask, CancellationToken.None));
        await gate.RunAsync(_ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(2, runs);
    }
}
