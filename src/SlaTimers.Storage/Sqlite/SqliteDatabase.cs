using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Sql;

namespace SlaTimers.Storage.Sqlite;

/// <summary>
/// Our SQLite file. A relative <c>Data Source</c> is resolved against a base folder (the host's content
/// root) and its folder is created. Every connection gets foreign keys on and a busy timeout, so writers
/// from several threads wait for one another instead of failing; the file runs in WAL mode, so readers
/// never block the writer.
/// </summary>
internal sealed class SqliteDatabase : IStorageDatabase
{
    private readonly string _pragmas;
    private int _walChecked;

    public SqliteDatabase(string connectionString, TimeSpan busyTimeout, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        if (FilePath(builder, baseDirectory) is { } file)
        {
            builder.DataSource = file;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, (int)Math.Ceiling(busyTimeout.TotalSeconds));
        ConnectionString = builder.ToString();
        var milliseconds = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _pragmas = $"PRAGMA busy_timeout = {milliseconds}; PRAGMA synchronous = NORMAL;";
    }

    public string ConnectionString { get; }

    public string Prefix => "";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenSqliteAsync(cancellationToken);

    public async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = new SqliteCommand(_pragmas, connection)) await pragmas.ExecuteNonQueryAsync(cancellationToken);
            if (Interlocked.Exchange(ref _walChecked, 1) == 0)
            {
                // WAL is a property of the file: set once, it stays (a no-op when it already is).
                await using var wal = new SqliteCommand("PRAGMA journal_mode = WAL;", connection);
                await wal.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public string KeysTable(string parameter) =>
        $"(SELECT json_extract(value, '$[0]') AS source, json_extract(value, '$[1]') AS external_id FROM json_each(@{parameter})) AS k";

    public void AddKeys(DynamicParameters parameters, string parameter, IEnumerable<TicketKey> keys) =>
        parameters.Add(parameter, JsonSerializer.Serialize(keys.Select(k => new[] { k.Source, k.ExternalId })));

    /// <summary>The database file's absolute path, or null for an in-memory database.</summary>
    public static string? FilePath(SqliteConnectionStringBuilder builder, string baseDirectory) =>
        builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? null
            : Path.GetFullPath(Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(baseDirectory, builder.DataSource));
}
