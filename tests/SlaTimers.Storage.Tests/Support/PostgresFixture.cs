using Npgsql;

namespace SlaTimers.Storage.Tests.Support;

/// <summary>
/// Uniquely named databases on the PostgreSQL server of <c>SLATIMERS_TEST_POSTGRES</c>, dropped afterwards.
/// Without the variable every PostgreSQL test fails: the contract must hold on both engines, never skipped.
/// </summary>
public sealed class PostgresFixture : StoreFixture
{
    public const string Variable = "SLATIMERS_TEST_POSTGRES";

    private readonly List<(string Database, StorageBackend Backend)> _databases = [];

    public override StorageEngine Engine => StorageEngine.Postgres;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL contract tests cannot run. Run tests/run.sh, which starts a private "
                + $"PostgreSQL cluster and exports {Variable}, or export an Npgsql connection string to a server where the user may create databases.");

    internal override async Task<StorageBackend> CreateEmptyAsync()
    {
        var name = $"slatimers_t_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        var backend = StorageBackend.Postgres(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString);
        _databases.Add((name, backend));
        return backend;
    }

    public override async Task DisposeAsync()
    {
        foreach (var (name, backend) in _databases)
        {
            await backend.DisposeAsync();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
