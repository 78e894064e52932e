using NodaTime;
using SlaTimers.Testing.Zendesk;
using Xunit.Abstractions;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>
/// The whole path on each store, with the real executable: tickets from the Zendesk stub → clocks → timers → .eml
/// files at their checkpoints. A priority change moves a ticket's timer to the new budget's checkpoint; a solve
/// cancels it, so nothing is ever sent for that ticket.
/// </summary>
public abstract class TicketLifecycleScenarios(string engine, ITestOutputHelper output)
{
    /// <summary>From a checkpoint's instant to its file: the schedule poll (1 s), two queue fetches, the write.</summary>
    private static readonly Duration OnTime = Duration.FromSeconds(5);

    [Fact]
    public async Task PriorityChangeMovesTheTimer_SolveCancelsIt_WarningsArriveAtTheirCheckpoints()
    {
        await using var world = await E2eWorld.CreateAsync(engine, output);
        var outbox = world.Outbox("w");
        var worker = world.StartWorker("w");
        await world.WaitForSyncAsync(worker);

        // Three tickets: "steady" stays high (warning at 20 s, breach at 40 s); "raised" starts low (warning after
        // 30 min) and becomes high; "solved" starts high and is solved before its warning.
        var created = Instant.FromUnixTimeSeconds(E2eWorld.Now.ToUnixTimeSeconds());
        var steady = E2eConfig.Ticket(6001, created, "high");
        var raised = E2eConfig.Ticket(6002, created, "low");
        var solved = E2eConfig.Ticket(6003, created, "high");
        world.Account.Put(steady, raised, solved);
        await world.EventuallyAsync(async () => await world.Store.TicketCountAsync() == 3 && await world.Store.JobCountAsync("Scheduled", "TimerJob") >= 3,
            "3 tickets stored, each with its timer", worker);

        var changed = Instant.FromUnixTimeSeconds(E2eWorld.Now.ToUnixTimeSeconds());
        Assert.True(changed - created < Duration.FromSeconds(15), $"The setup took {(changed - created).TotalSeconds:0} s: the changes would come after the warnings.");
        world.Account.Put(
            Changed(raised, changed, "priority", "high") with { Priority = "high" },
            Changed(solved, changed, "status", "solved") with { Status = "solved" });
        world.Log($"created {created}, changed {changed}");

        var expected = new[] { E2eConfig.Key(steady.Id, E2eConfig.Warning), E2eConfig.Key(steady.Id, E2eConfig.Breach),
                               E2eConfig.Key(raised.Id, E2eConfig.Warning), E2eConfig.Key(raised.Id, E2eConfig.Breach) };
        await world.EventuallyAsync(() => Task.FromResult(expected.All(k => File.Exists(Path.Combine(outbox, E2eWorld.FileOf(k))))),
            "the warnings and breach notices of the steady and the raised ticket", worker, describe: world.DescribeLedgerAsync);
        // The solved ticket's warning and breach notice were due by now: give a wrongly kept timer a moment to show.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(expected.Select(E2eWorld.FileOf).Order(), E2eWorld.Messages(outbox).Order());
        var ledger = (await world.Store.NotificationsAsync()).ToDictionary(n => n.Key);
        Assert.Equal(expected.Order(), ledger.Keys.Order());
        foreach (var (ticket, checkpoint) in new[] { (steady, E2eConfig.Warning), (steady, E2eConfig.Breach), (raised, E2eConfig.Warning), (raised, E2eConfig.Breach) })
        {
            // The raised ticket's budget is the high one from its creation on: the priority change keeps the time used.
            var due = E2eConfig.DueAt(ticket with { Priority = "high" }, checkpoint);
            var row = ledger[E2eConfig.Key(ticket.Id, checkpoint)];
            Assert.Equal(due, row.DueAt);
            Assert.Equal("delivered", row.State);
            Assert.InRange(row.DeliveredAt!.Value, due, due + OnTime);
            world.Log($"{row.Key}: due {due}, delivered {(row.DeliveredAt.Value - due).TotalMilliseconds:0} ms after");
        }
        // Every checkpoint of these tickets has passed or was cancelled: no timer may be left waiting.
        Assert.Equal(0, await world.Store.JobCountAsync("Scheduled", "TimerJob"));
        Assert.False(worker.HasExited, worker.Tail());
    }

    /// <summary>The ticket changed at <paramref name="at"/> by the agent: its creation audit and one change.</summary>
    private static StubTicket Changed(StubTicket ticket, Instant at, string field, string value) => ticket with
    {
        Updated = at,
        Audits = [StubAudits.Creation(ticket), new StubAudit(ticket.Id * 100 + 2, at, StubUsers.Agent, [StubEvent.Change(ticket.Id * 1000 + 21, field, value)])],
    };
}

public sealed class PostgresTicketLifecycleTests(ITestOutputHelper output) : TicketLifecycleScenarios("postgres", output);

public sealed class SqliteTicketLifecycleTests(ITestOutputHelper output) : TicketLifecycleScenarios("sqlite", output);
