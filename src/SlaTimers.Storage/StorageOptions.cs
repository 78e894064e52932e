using Microsoft.Data.Sqlite;
using SlaTimers.Storage.Sqlite;

namespace SlaTimers.Storage;

/// <summary>
/// The <c>Storage</c> section: which engine holds SlaTimers' data. The connection strings come from the usual
/// <c>ConnectionStrings</c> section: <c>ConnectionStrings:Sqlite</c> (default <see cref="DefaultSqliteConnectionString"/>,
/// a relative file resolved against the content root) and <c>ConnectionStrings:Postgres</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string SqliteConnectionName = "Sqlite";
    public const string PostgresConnectionName = "Postgres";
    public const string DefaultSqliteConnectionString = "Data Source=data/slatimers.db";

    /// <summary><c>sqlite</c> (the embedded default, one instance) or <c>postgres</c> (production, several instances).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>How long a SQLite writer waits for another one before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Apply missing schema migrations when the host starts (before any hosted service starts).</summary>
    public bool MigrateAtStart { get; set; } = true;

    /// <summary>From <c>ConnectionStrings:Sqlite</c>.</summary>
    public string SqliteConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>From <c>ConnectionStrings:Postgres</c>; required when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// The SQLite file's absolute path (a relative <c>Data Source</c> lies below <paramref name="contentRoot"/>),
    /// or null for an in-memory database: for Hangfire's SQLite storage, which shares the file.
    /// </summary>
    public string? SqliteFilePath(string contentRoot) => SqliteDatabase.FilePath(new SqliteConnectionStringBuilder(SqliteConnectionString), contentRoot);

    /// <summary>The engine <see cref="Provider"/> names, or null when it names none.</summary>
    public StorageEngine? Engine => Provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => StorageEngine.Sqlite,
        "postgres" => StorageEngine.Postgres,
        _ => null,
    };
}

public enum StorageEngine
{
    Sqlite,
    Postgres,
}
