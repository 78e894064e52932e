using SlaTimers.Testing.Network;
using SlaTimers.Testing.Processes;
using SlaTimers.Testing.Zendesk;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// A helpdesk the worker cannot use — nothing listens at its address, or it refuses the credentials — for 20 s of a
/// 1 s poll interval: the worker keeps running, says clearly what is wrong (log, <c>sync_state.last_error</c>, a
/// failed job), and calls the helpdesk at a bounded rate instead of in a tight loop.
/// </summary>
public sealed class HelpdeskFailureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task UnreachableHelpdesk_SyncFailsWithAClearLogLine_TheWorkerKeepsRunning_NoTightRetryLoop()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", output);
        var closed = LoopbackPorts.Free(); // nothing listens there: connection refused
        var worker = world.StartWorker("w", overrides: new Dictionary<string, string?> { ["Helpdesks__zd__BaseUrl"] = $"http://127.0.0.1:{closed}/" });

        Assert.True(await worker.WaitForLineAsync("Application started", E2eWorld.Patience), worker.Tail());
        var from = worker.Lines.Count;
        await Task.Delay(Window);
        await world.EventuallyAsync(async () => await world.Store.SyncStateAsync(E2eConfig.Helpdesk) is { LastError: not null }, "a failed sync run", worker);

        Assert.False(worker.HasExited, worker.Tail());
        var state = await world.Store.SyncStateAsync(E2eConfig.Helpdesk);
        Assert.NotNull(state);
        Assert.Contains("Connection refused", state.LastError);
        Assert.Null(state.LastSuccess);
        // Each connection attempt (first tries and retries) is one "Execution attempt" line of the retry layer.
        var attempts = worker.Lines.Skip(from).Count(l => l.Text.Contains("Execution attempt", StringComparison.Ordinal));
        var failedRuns = await world.Store.JobCountAsync("Failed", "SyncJob");
        world.Log($"in {Window.TotalSeconds} s: {attempts} connection attempts; {failedRuns} failed sync runs since the start");
        Assert.InRange(attempts, 1, (int)Window.TotalSeconds);
        Assert.True(failedRuns >= 1, "The failed sync is not visible as a failed job.");
        // Not only the HTTP retry layer's per-attempt warnings: an error line says which helpdesk failed and why.
        Assert.True(worker.Lines.Any(l => IsSyncFailure(l.Text)),
            $"No error line says that reading helpdesk zd failed and why (connection refused).\n{worker.Tail(20)}");
    }

    [Fact]
    public async Task RefusedCredentials_AreAClearErrorInTheSyncStateAndAFailedJob_RequestsStayBounded()
    {
        await using var world = await E2eWorld.CreateAsync("postgres", output);
        var worker = world.StartWorker("w", overrides: new Dictionary<string, string?> { ["Helpdesks__zd__ApiToken"] = "not-the-token" });

        Assert.True(await worker.WaitForLineAsync(l => l.Contains("Sync zd: the helpdesk refused the credentials", StringComparison.Ordinal), E2eWorld.Patience),
            worker.Tail());
        var before = world.Stub.Count(StubRoute.Export);
        await Task.Delay(Window);
        var requests = world.Stub.Count(StubRoute.Export) - before;

        Assert.False(worker.HasExited, worker.Tail());
        var state = await world.Store.SyncStateAsync(E2eConfig.Helpdesk);
        Assert.NotNull(state);
        Assert.Contains("401", state.LastError);
        Assert.Null(state.LastSuccess);
        var failedRuns = await world.Store.JobCountAsync("Failed", "SyncJob");
        world.Log($"in {Window.TotalSeconds} s: {requests} export requests (all 401); {failedRuns} failed sync jobs since the start; last_error: {state.LastError}");
        Assert.True(failedRuns >= 1, "The refused sync is not visible as a failed job.");
        // 401 is never retried within a run: at most one request per poll interval (1 s).
        Assert.InRange(requests, 1, (long)Window.TotalSeconds + 2);
        Assert.Equal(0, world.Stub.Count(StubRoute.Audits));
    }

    /// <summary>E.g. "fail: … Failed to process the job '1': … HelpdeskResponseException: Helpdesk 'zd': the incremental ticket export got no response: Connection refused …".</summary>
    private static bool IsSyncFailure(string line) =>
        line.Contains(" fail: ", StringComparison.Ordinal) && !line.Contains(" fail: Polly[", StringComparison.Ordinal)
        && line.Contains("Helpdesk 'zd'", StringComparison.Ordinal) && line.Contains("Connection refused", StringComparison.Ordinal);
}
