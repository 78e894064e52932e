using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlaTimers.Storage;
using SlaTimers.Worker.Hosting;
using SlaTimers.Worker.Tests.Configuration;

namespace SlaTimers.Worker.Tests.Hosting;

public class StorageStartupTests
{
    private const string Password = "s3cret-Pa55";

    [Fact]
    public async Task Starting_WithTheDatabaseDown_WaitsAndRetriesWithoutLoggingTheConnectionString()
    {
        var migrator = new FlakyMigrator(failures: 2);
        var log = new ListLogger<StorageStartup>();
        var options = Options.Create(new StorageOptions
        {
            Provider = "postgres",
            PostgresConnectionString = $"Host=127.0.0.1;Port=1;Username=slatimers;Password={Password}",
        });

        await new StorageStartup(migrator, options, log).StartingAsync(CancellationToken.None);

        Assert.Equal(3, migrator.Calls);
        var waits = log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, waits.Count);
        Assert.StartsWith("Storage (postgres) is not reachable (NpgsqlException: Failed to connect", waits[0]);
        Assert.Contains("tries again in 00:00:01 (attempt 1)", waits[0]);
        Assert.Contains("tries again in 00:00:02 (attempt 2)", waits[1]);
        Assert.Contains(log.Entries, e => e.Message == "Storage (postgres) is reachable after 3 attempts.");
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_WhenAMigrationIsBroken_FailsTheStart()
    {
        var migrator = new FlakyMigrator(failures: 1, new InvalidOperationException("0002_broken.sql: syntax error"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new StorageStartup(migrator, Options.Create(new StorageOptions()), new ListLogger<StorageStartup>()).StartingAsync(CancellationToken.None));
    }

    [Fact]
    public void Delay_DoublesUpToHalfAMinute()
    {
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => StorageStartup.Delay(a).TotalSeconds));
    }

    /// <summary>Fails like a database that is down (a real Npgsql connection error), then succeeds.</summary>
    private sealed class FlakyMigrator(int failures, Exception? error = null) : IStorageMigrator
    {
        public int Calls { get; private set; }

        public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Calls > failures) return [];
            if (error is not null) throw error;
            await using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port=1;Username=slatimers;Password={Password};Timeout=2");
            await connection.OpenAsync(cancellationToken); // throws: nothing listens on port 1
            return [];
        }
    }
}
