using Dapper;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Storage.Migrations;
using SlaTimers.Storage.Tests.Support;
using static SlaTimers.Storage.Tests.Support.TestData;

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

    [Fact]
    public async Task Migrate_ADatabaseOfVersion1_KeepsItsRows_TicketsAtVersion1_AndRetriesAnHourAfterTheirLastFailure_WaitingSinceTheirDueInstant()
    {
        var backend = await Fixture.CreateEmptyAsync();
        var (failedAt, dueAt) = (At(181), At(180));
        await ExecuteAsync(backend, Version1(Fixture.Engine));
        await ExecuteAsync(backend, """
            INSERT INTO {p}tickets (source, external_id, display_id, subject, created, first_seen, evaluated_at, is_open, ticket, timeline)
            VALUES ('hd', '1', 'ZD-1', 'Printer', @dueAt, @dueAt, @dueAt, true, '{}', '[]');
            INSERT INTO {p}notifications (key, source, external_id, clock_key, checkpoint_key, recipient, channel, due_at, state, attempts, failed_at, last_error)
            VALUES ('failed-once', 'hd', '1', 'c', 'warn-75%', 'bob', 'pickup', @dueAt, 'pending', 1, @failedAt, '421 try later'),
                   ('never-tried', 'hd', '1', 'c', 'warn-75%', 'ann', 'pickup', @dueAt, 'pending', 0, NULL, NULL);
            """, new { dueAt, failedAt });

        Assert.Equal([2, 3, 4, 5], await backend.Migrator.MigrateAsync());

        Assert.Equal([1L], await StoreFixture.QueryAsync<long>(backend, "SELECT version FROM {p}tickets"));
        Assert.Equal(failedAt, (await backend.Ledger.GetAsync("failed-once", CancellationToken.None))?.LastAttemptAt);
        Assert.Null((await backend.Ledger.GetAsync("never-tried", CancellationToken.None))?.LastAttemptAt);
        Assert.Null((await backend.Ledger.GetAsync("failed-once", CancellationToken.None))?.NextAttemptAt);
        // A notification stuck before the upgrade is recovered after it: its retry was due an hour after its failure at the latest.
        var rules = new LostNotificationRules
        {
            RecoverAfter = Duration.FromDays(1), RequeueInterval = Duration.FromMinutes(5), RetryGrace = Duration.FromMinutes(5), LongestRetryDelay = Duration.FromHours(1),
        };
        var lostAt = failedAt + rules.LongestRetryDelay + rules.RetryGrace;
        Assert.Empty(await backend.Ledger.TakeLostAsync(lostAt, rules, 10, CancellationToken.None));
        var lost = await backend.Ledger.TakeLostAsync(lostAt + Duration.FromSeconds(1), rules, 10, CancellationToken.None);
        Assert.Equal(["failed-once"], lost.Select(n => n.Key));
        // Recorded before the ledger kept the instant: both wait since their due instant.
        Assert.Null((await backend.Ledger.GetAsync("never-tried", CancellationToken.None))?.RecordedAt);
        var queries = new SlaTimers.Storage.Queries.SqlSlaQueries(backend.Database);
        Assert.Equal(new DeliveryBacklog(2, 1, dueAt), await queries.GetDeliveryBacklogAsync(lostAt, null, CancellationToken.None));
    }

    /// <summary>The schema as version 1 left it: the migrations table (as the migrator creates it) and the first script.</summary>
    private static string Version1(StorageEngine engine) => engine == StorageEngine.Postgres
        ? $"""
            CREATE SCHEMA slatimers;
            CREATE TABLE slatimers.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            {MigrationScripts.For("Postgres")[0].Sql}
            INSERT INTO slatimers.schema_migrations (version, name) VALUES (1, 'initial');
            """
        : $"""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT 'then') STRICT;
            {MigrationScripts.For("Sqlite")[0].Sql}
            INSERT INTO schema_migrations (version, name) VALUES (1, 'initial');
            """;

    private static async Task ExecuteAsync(StorageBackend backend, string sql, object? parameters = null)
    {
        await using var connection = await backend.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql.Replace("{p}", backend.Database.Prefix, StringComparison.Ordinal), parameters);
    }
}
