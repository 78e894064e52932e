using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Storage.Postgres;
using SlaTimers.Storage.Sqlite;

namespace SlaTimers.Storage.Tests;

public sealed class StorageHostingTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "slatimers-storage-tests", Guid.NewGuid().ToString("N"));

    public StorageHostingTests() => Directory.CreateDirectory(_contentRoot);

    [Fact]
    public async Task AddSlaStorage_NoSettings_MigratesTheSqliteFileInDataBelowTheContentRoot()
    {
        using var host = Build([]);

        await host.StartAsync();

        Assert.IsType<SqliteTicketStore>(host.Services.GetRequiredService<ITicketStore>());
        Assert.NotNull(host.Services.GetRequiredService<ITimerStore>());
        Assert.IsType<SqliteNotificationLedger>(host.Services.GetRequiredService<INotificationLedger>());
        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "slatimers.db")));
        Assert.Equal(Path.Combine(_contentRoot, "data", "slatimers.db"), host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.SqliteFilePath(_contentRoot));
        Assert.Empty(await host.Services.GetRequiredService<IStorageMigrator>().MigrateAsync()); // migrated at start
        await host.StopAsync();
    }

    [Fact]
    public async Task AddSlaStorage_ConnectionStringsSqlite_UsesThatFile()
    {
        using var host = Build(new() { ["ConnectionStrings:Sqlite"] = "Data Source=elsewhere/sla.db" });

        await host.StartAsync();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "elsewhere", "sla.db")));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddSlaStorage_MigrateAtStartFalse_LeavesTheDatabaseAlone()
    {
        using var host = Build(new() { ["Storage:MigrateAtStart"] = "false" });

        await host.StartAsync();

        Assert.False(File.Exists(Path.Combine(_contentRoot, "data", "slatimers.db")));
        await host.StopAsync();
    }

    [Fact]
    public void AddSlaStorage_ProviderPostgres_RegistersThePostgresStores()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=nowhere",
        });

        Assert.IsType<PostgresTicketStore>(host.Services.GetRequiredService<ITicketStore>());
        Assert.IsType<PostgresNotificationLedger>(host.Services.GetRequiredService<INotificationLedger>());
        Assert.Equal("Host=127.0.0.1;Database=nowhere", host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString);
    }

    [Theory]
    [InlineData("mysql", null, "Storage:Provider is 'mysql': use 'sqlite' or 'postgres'.")]
    [InlineData("postgres", null, "Storage:Provider is 'postgres' but ConnectionStrings:Postgres is not set.")]
    [InlineData("postgres", "Hostt=x", "ConnectionStrings:Postgres cannot be read")]
    public async Task AddSlaStorage_InvalidSettings_StopTheStartWithAMessageNamingTheSetting(string provider, string? postgres, string message)
    {
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = provider, ["ConnectionStrings:Postgres"] = postgres };
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task AddSlaStorage_BusyTimeoutOutOfRange_StopsTheStart()
    {
        using var host = Build(new() { ["Storage:BusyTimeout"] = "00:00:00" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:BusyTimeout", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSlaStorage();
        return builder.Build();
    }
}
