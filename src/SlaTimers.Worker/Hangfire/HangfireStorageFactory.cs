using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using SlaTimers.Storage;

namespace SlaTimers.Worker.Hangfire;

/// <summary>Hangfire's storage on the engine our data is in: the same <c>Storage:Provider</c> and connection.</summary>
public static class HangfireStorageFactory
{
    public const string DefaultSqliteFileName = "hangfire.db";

    public static JobStorage Create(StorageOptions storage, HangfireOptions options, string contentRoot)
    {
        JobStorage created = storage.Engine switch
        {
            StorageEngine.Sqlite => Sqlite(SqliteFile(storage, options, contentRoot), options),
            StorageEngine.Postgres => Postgres(storage.PostgresConnectionString
                ?? throw new InvalidOperationException($"ConnectionStrings:{StorageOptions.PostgresConnectionName} is not set."), options),
            _ => throw new InvalidOperationException($"{StorageOptions.SectionName}:Provider '{storage.Provider}' is not 'sqlite' or 'postgres'."),
        };
        created.JobExpirationTimeout = options.JobExpiration;
        return created;
    }

    /// <summary>
    /// Hangfire's SQLite file: <see cref="HangfireOptions.SqliteFile"/>, else <c>hangfire.db</c> beside our file
    /// (which is relative to the content root, as the Storage project resolves it).
    /// </summary>
    public static string SqliteFile(StorageOptions storage, HangfireOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.SqliteFile)) return Path.GetFullPath(options.SqliteFile, contentRoot);
        var ours = new SqliteConnectionStringBuilder(storage.SqliteConnectionString).DataSource;
        var folder = ours is "" or ":memory:"
            ? Path.Combine(contentRoot, "data")
            : Path.GetDirectoryName(Path.GetFullPath(ours, contentRoot))!;
        return Path.Combine(folder, DefaultSqliteFileName);
    }

    public static SQLiteStorage Sqlite(string file, HangfireOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new SQLiteStorage(file, new SQLiteStorageOptions
        {
            QueuePollInterval = options.QueuePollInterval ?? HangfireOptions.SqliteQueuePollInterval,
            // Jobs are short (a sync page, a timer, one message), far below this; a crashed worker's job is retried after it.
            InvisibilityTimeout = options.InvisibilityTimeout,
        });
    }

    public static PostgreSqlStorage Postgres(string connectionString, HangfireOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.QueuePollInterval ?? HangfireOptions.PostgresQueuePollInterval,
            EnableLongPolling = options.EnableLongPolling,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            DistributedLockTimeout = options.DistributedLockLifetime,
            // The database may be down when the host starts: one quick retry, then Hangfire initializes its schema
            // on first use (the worker's own start waits for the database before any job runs).
            StartupConnectionMaxRetries = 1,
            StartupConnectionBaseDelay = TimeSpan.FromSeconds(1),
            AllowDegradedModeWithoutStorage = true,
        };
        // An explicit connection factory over the connection string: the non-obsolete way, and the string stays inside it.
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }
}
