using Dapper;

namespace SlaTimers.Storage.Tests.Support;

/// <summary>
/// One engine's database for a test class: a migrated store shared by the class's tests (each test works
/// under its own source name, so tests never see each other's rows), and fresh, empty databases on demand.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private StorageBackend? _backend;

    public abstract StorageEngine Engine { get; }

    /// <summary>The migrated store of this test class.</summary>
    internal StorageBackend Backend => _backend ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A new, empty, unmigrated database, deleted with the fixture.</summary>
    internal abstract Task<StorageBackend> CreateEmptyAsync();

    /// <summary>Rows no port reads (quarantine, schema_migrations). <c>{p}</c> in the SQL stands for the table prefix.</summary>
    internal static async Task<IReadOnlyList<T>> QueryAsync<T>(StorageBackend backend, string sql, object? parameters = null)
    {
        await using var connection = await backend.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<T>(sql.Replace("{p}", backend.Database.Prefix), parameters)];
    }

    internal Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) => QueryAsync<T>(Backend, sql, parameters);

    /// <summary>A write no port makes (a row left behind by hand). <c>{p}</c> in the SQL stands for the table prefix.</summary>
    internal async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Backend.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteAsync(sql.Replace("{p}", Backend.Database.Prefix), parameters);
    }

    public async Task InitializeAsync()
    {
        _backend = await CreateEmptyAsync();
        await _backend.Migrator.MigrateAsync();
    }

    public abstract Task DisposeAsync();
}
