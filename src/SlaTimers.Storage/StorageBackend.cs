using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Storage.Postgres;
using SlaTimers.Storage.Records;
using SlaTimers.Storage.Sql;
using SlaTimers.Storage.Sqlite;

namespace SlaTimers.Storage;

/// <summary>One engine's implementation of every storage port, over one database.</summary>
internal sealed class StorageBackend : IAsyncDisposable
{
    private readonly IAsyncDisposable? _resources;

    private StorageBackend(IStorageDatabase database, StorageEngine engine, ITicketStore tickets, ITimerStore timers, INotificationLedger ledger, IStorageMigrator migrator, IAsyncDisposable? resources)
    {
        Database = database;
        Engine = engine;
        Tickets = tickets;
        Timers = timers;
        Ledger = ledger;
        Migrator = migrator;
        _resources = resources;
    }

    public IStorageDatabase Database { get; }
    public StorageEngine Engine { get; }
    public ITicketStore Tickets { get; }
    public ITimerStore Timers { get; }
    public INotificationLedger Ledger { get; }
    public IStorageMigrator Migrator { get; }

    /// <param name="baseDirectory">Where a relative SQLite file lives (the host's content root).</param>
    public static StorageBackend Create(StorageOptions options, string baseDirectory) => options.Engine switch
    {
        StorageEngine.Sqlite => Sqlite(options.SqliteConnectionString, options.BusyTimeout, baseDirectory),
        StorageEngine.Postgres => Postgres(options.PostgresConnectionString
            ?? throw new InvalidOperationException($"ConnectionStrings:{StorageOptions.PostgresConnectionName} is not set.")),
        _ => throw new InvalidOperationException($"{StorageOptions.SectionName}:Provider '{options.Provider}' is not 'sqlite' or 'postgres'."),
    };

    public static StorageBackend Sqlite(string connectionString, TimeSpan busyTimeout, string baseDirectory)
    {
        DapperMapping.Register();
        var db = new SqliteDatabase(connectionString, busyTimeout, baseDirectory);
        return new(db, StorageEngine.Sqlite, new SqliteTicketStore(db), new SqlTimerStore(db), new SqliteNotificationLedger(db), new SqliteMigrator(db), null);
    }

    public static StorageBackend Postgres(string connectionString)
    {
        DapperMapping.Register();
        var db = new PostgresDatabase(connectionString);
        return new(db, StorageEngine.Postgres, new PostgresTicketStore(db), new SqlTimerStore(db), new PostgresNotificationLedger(db), new PostgresMigrator(db), db);
    }

    public ValueTask DisposeAsync() => _resources?.DisposeAsync() ?? ValueTask.CompletedTask;
}
