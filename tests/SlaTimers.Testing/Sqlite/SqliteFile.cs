using Microsoft.Data.Sqlite;

namespace SlaTimers.Testing.Sqlite;

/// <summary>Read-only looks into a SQLite file a worker process writes, whatever that process is doing.</summary>
public static class SqliteFile
{
    /// <summary>
    /// The rows of <paramref name="sql"/>, on a connection of its own (unpooled, so the file is never held open);
    /// empty while the file or the table does not exist yet (before the worker created its schema).
    /// </summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(string file, string sql, Func<SqliteDataReader, T> read)
    {
        if (!File.Exists(file)) return [];
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<T>();
            while (await reader.ReadAsync()) rows.Add(read(reader));
            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return [];
        }
    }
}
