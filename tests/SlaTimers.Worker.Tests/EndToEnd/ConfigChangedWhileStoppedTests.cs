using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// An admin edits the config folder while the worker is stopped (or deploys a new one with the restart): the stored
/// open tickets were evaluated with the old rules, and a running worker's reload is not there to re-evaluate them.
/// The restarted worker finds the folder is not the one they were evaluated with and re-evaluates them, so a deadline
/// the edit brought forward is warned about on time rather than at the old rules' instant.
/// </summary>
public sealed class ConfigChangedWhileStoppedTests(ITestOutputHelper output)
{
    /// <remarks>The record lives in Hangfire's storage: each engine's is proven through the real worker process.</remarks>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABudgetShortenedWhileStopped_MovesTheWarningForward_AfterTheRestart(string engine)
    {
        await using var world = await E2eWorld.CreateAsync(engine, output);
        var first = world.StartWorker("w1");
        await world.WaitForSyncAsync(first);
        // Priority low: an hour's budget, its warning half an hour away — far beyond this test.
        var ticket = world.PutTickets(9100, 1, _ => E2eWorld.Now, "low").Single();
        await world.EventuallyAsync(async () => await world.Store.TicketCountAsync() == 1, "the ticket stored", first);
        await first.KillAsync();

        world.Deployment.Write("config/agreements/e2e-sla.json", E2eConfig.Agreement.Replace("\"low\": \"1h\"", "\"low\": \"30s\"", StringComparison.Ordinal));
        world.Log("edited the agreement while the worker was stopped: low 1h → 30s");
        var second = world.StartWorker("w2");

        var warning = E2eConfig.Key(ticket.Id, E2eConfig.Warning);
        await world.EventuallyAsync(async () => (await world.Store.NotificationsAsync()).Any(n => n.Key == warning && n.State == "delivered"),
            "the warning at 50 % of the new budget", second, describe: world.DescribeLedgerAsync);
        Assert.Contains(second.Lines, l => l.Text.Contains("The config folder differs from the one the stored open tickets were evaluated with", StringComparison.Ordinal));
        Assert.DoesNotContain(first.Lines, l => l.Text.Contains("The config folder differs", StringComparison.Ordinal)); // a new store takes the record
        Assert.Single(E2eWorld.Messages(world.Outbox("w2")), E2eWorld.FileOf(warning));
    }
}
