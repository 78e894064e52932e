using Npgsql;

namespace SlaTimers.Testing.Postgres;

/// <summary>
/// The PostgreSQL server of <c>SLATIMERS_TEST_POSTGRES</c> (tests/run.sh starts a private cluster and exports it).
/// Without the variable the PostgreSQL tests fail: both engines must work, so neither is ever skipped.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SLATIMERS_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL end-to-end tests cannot run. Run tests/run.sh, which starts a private PostgreSQL "
                + $"cluster and exports {Variable}, or export an Npgsql connection string to a server where the user may create databases.");

    /// <summary>A new, empty database on the test server (dropped when the result is disposed).</summary>
    public static Task<TestDatabase> CreateDatabaseAsync(string prefix = "slatimers_e2e") =>
        TestDatabase.CreateAsync(ServerConnectionString, prefix);
}

/// <summary>A throw-away database on a PostgreSQL server: created empty, dropped (with its connections) on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        ConnectionString = builder.ConnectionString;
        Host = builder.Host!;
        Port = builder.Port;
    }

    public string Name { get; }

    /// <summary>The database itself, straight to the server.</summary>
    public string ConnectionString { get; }

    public string Host { get; }
    public int Port { get; }

    /// <summary>The same database through another host and port (a <see cref="Network.TcpForwarder"/>).</summary>
    public string ConnectionStringVia(int port, string host = "127.0.0.1") =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Host = host, Port = port }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(string server, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await ExecuteOnServerAsync(server, $"CREATE DATABASE {name}");
        return new TestDatabase(server, name);
    }

    /// <summary>The first column of the first row (null when there is none), on a connection of its own.</summary>
    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row, each as its columns' values (DBNull as null).</summary>
    public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>True when the table exists (the worker creates its schema at start).</summary>
    public async Task<bool> HasTableAsync(string qualifiedName) =>
        await ScalarAsync<string>($"SELECT to_regclass('{qualifiedName}')::text") is not null;

    private async Task<NpgsqlConnection> OpenAsync()
    {
        // No pooling: a test's queries never keep connections the drop would have to end.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync() => await ExecuteOnServerAsync(_server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
