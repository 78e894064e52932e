using SlaTimers.Storage.Tests.Support;

namespace SlaTimers.Storage.Tests;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Migrate_Twice_AppliesEveryScriptOnce()
    {
        var backend = await Fixture.CreateEmptyAsync();

        var first = await backend.Migrator.MigrateAsync();
        var second = await backend.Migrator.MigrateAsync();

        Assert.Equal(1, first[0]);
        Assert.Empty(second);
        Assert.Equal(first, await StoreFixture.QueryAsync<int>(backend, "SELECT version FROM {p}schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migrate_TwoInstancesStartingTogether_ApplyEveryScriptOnce()
    {
        var backend = await Fixture.CreateEmptyAsync();
        using var start = new Barrier(2);

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return await backend.Migrator.MigrateAsync();
        })));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(applied.Distinct(), applied);
        Assert.Contains(runs, r => r.Count == 0);
        Assert.Equal(applied.Order(), await StoreFixture.QueryAsync<int>(backend, "SELECT version FROM {p}schema_migrations ORDER BY version"));
        Assert.Empty(await backend.Tickets.GetOpenTicketsAsync(null, 10, CancellationToken.None)); // the schema works
    }
}
