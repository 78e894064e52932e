using Microsoft.Data.Sqlite;
using NodaTime;
using SlaTimers.Testing.Network;
using SlaTimers.Testing.Postgres;
using SlaTimers.Testing.Sqlite;

namespace SlaTimers.Worker.Tests.EndToEnd;

/// <summary>A row of the notification ledger, as the test reads it from the database.</summary>
public sealed record LedgerRow(string Key, string ExternalId, string CheckpointKey, string State, int Attempts, Instant DueAt, Instant? DeliveredAt, string? LastError);

/// <summary>A helpdesk's row of <c>sync_state</c>.</summary>
public sealed record SyncStateRow(string? Cursor, Instant? LastSuccess, Instant? LastAttempt, string? LastError);

/// <summary>
/// The store the worker processes of a test share: the settings that point them at it, and read-only looks into it
/// (the ledger, the sync state, Hangfire's jobs) straight from the database, whatever the workers are doing. Before a
/// worker has created the schema, every table reads as empty.
/// </summary>
public abstract class E2eStore : IAsyncDisposable
{
    public abstract string Engine { get; }

    /// <summary>The worker's settings (environment variables) for this store.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public abstract Task<IReadOnlyList<LedgerRow>> NotificationsAsync();

    public abstract Task<SyncStateRow?> SyncStateAsync(string source);

    public abstract Task<long> TicketCountAsync();

    /// <summary>Hangfire jobs in a state (<c>Failed</c>, <c>Scheduled</c>, …) whose name contains <paramref name="method"/>.</summary>
    public abstract Task<long> JobCountAsync(string state, string method);

    /// <summary>Hangfire's state in short, for a failure message: unfinished jobs, queues, locks.</summary>
    public virtual Task<string> DescribeHangfireAsync() => Task.FromResult("");

    public abstract ValueTask DisposeAsync();

    public override string ToString() => Engine;

    protected static Instant Micros(long value) => Instant.FromUnixTimeTicks(value * 10);
}

/// <summary>A database of its own on the test server; the workers may reach it through a <see cref="TcpForwarder"/>.</summary>
public sealed class PostgresE2eStore : E2eStore
{
    private const string Epoch = "(extract(epoch from {0}) * 1000000)::bigint";

    private readonly TestDatabase _database;
    private readonly TcpForwarder? _forwarder;

    private PostgresE2eStore(TestDatabase database, TcpForwarder? forwarder)
    {
        _database = database;
        _forwarder = forwarder;
    }

    public override string Engine => "postgres";

    /// <summary>The forwarder between the workers and the database, when there is one.</summary>
    public TcpForwarder Forwarder => _forwarder ?? throw new InvalidOperationException("This store has no forwarder.");

    public TestDatabase Database => _database;

    /// <param name="forwarded">Workers connect through a forwarder the test can stop (a database that goes away).</param>
    /// <param name="running">With a forwarder: false starts it stopped (the database is down when the worker starts).</param>
    public static async Task<PostgresE2eStore> CreateAsync(bool forwarded = false, bool running = true)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var forwarder = forwarded ? TcpForwarder.Create(database.Host, database.Port, running) : null;
        return new PostgresE2eStore(database, forwarder);
    }

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage__Provider"] = "postgres",
        ["ConnectionStrings__Postgres"] = _forwarder is null ? _database.ConnectionString : _database.ConnectionStringVia(_forwarder.Port),
    };

    public override async Task<IReadOnlyList<LedgerRow>> NotificationsAsync()
    {
        if (!await _database.HasTableAsync("slatimers.notifications")) return [];
        var rows = await _database.RowsAsync(
            $"SELECT key, external_id, checkpoint_key, state, attempts, {string.Format(Epoch, "due_at")}, {string.Format(Epoch, "delivered_at")}, last_error FROM slatimers.notifications");
        return [.. rows.Select(r => new LedgerRow((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!, (int)r[4]!, Micros((long)r[5]!),
            r[6] is long delivered ? Micros(delivered) : null, (string?)r[7]))];
    }

    public override async Task<SyncStateRow?> SyncStateAsync(string source)
    {
        if (!await _database.HasTableAsync("slatimers.sync_state")) return null;
        var rows = await _database.RowsAsync(
            $"SELECT cursor, {string.Format(Epoch, "last_success")}, {string.Format(Epoch, "last_attempt")}, last_error FROM slatimers.sync_state WHERE source = '{source}'");
        return rows is [var r]
            ? new SyncStateRow((string?)r[0], r[1] is long success ? Micros(success) : null, r[2] is long attempt ? Micros(attempt) : null, (string?)r[3])
            : null;
    }

    public override async Task<long> TicketCountAsync() =>
        await _database.HasTableAsync("slatimers.tickets") ? await _database.ScalarAsync<long>("SELECT count(*) FROM slatimers.tickets") : 0;

    public override async Task<long> JobCountAsync(string state, string method) =>
        await _database.HasTableAsync("hangfire.job")
            ? await _database.ScalarAsync<long>($"SELECT count(*) FROM hangfire.job WHERE statename = '{state}' AND invocationdata::text LIKE '%{method}%'")
            : 0;

    public override async Task<string> DescribeHangfireAsync()
    {
        if (!await _database.HasTableAsync("hangfire.job")) return "hangfire: no schema yet";
        var jobs = await _database.RowsAsync("""
            SELECT j.id, j.statename, substring(j.invocationdata::text from '"Method": *"([A-Za-z]+)"'), q.queue, q.fetchedat, j.createdat
            FROM hangfire.job j LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id
            WHERE j.statename NOT IN ('Succeeded', 'Deleted') ORDER BY j.id LIMIT 30
            """);
        var locks = await _database.RowsAsync("SELECT resource, acquired FROM hangfire.lock");
        var servers = await _database.RowsAsync("SELECT id, lastheartbeat FROM hangfire.server");
        return "hangfire jobs not finished:\n" + string.Join("\n", jobs.Select(r => "  " + string.Join(" | ", r)))
            + "\nhangfire locks: " + string.Join(", ", locks.Select(r => $"{r[0]} since {r[1]:HH:mm:ss.fff}"))
            + "\nhangfire servers: " + string.Join(", ", servers.Select(r => $"{r[0]} beat {r[1]:HH:mm:ss}"));
    }

    public override async ValueTask DisposeAsync()
    {
        if (_forwarder is not null) await _forwarder.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>A SQLite file in the deployment's data folder (and Hangfire's beside it).</summary>
public sealed class SqliteE2eStore(string folder) : E2eStore
{
    public override string Engine => "sqlite";

    public string File => Path.Combine(folder, "slatimers.db");

    public string HangfireFile => Path.Combine(folder, "hangfire.db");

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage__Provider"] = "sqlite",
        ["ConnectionStrings__Sqlite"] = $"Data Source={File}",
    };

    public override async Task<IReadOnlyList<LedgerRow>> NotificationsAsync() =>
        await SqliteFile.QueryAsync(File, "SELECT key, external_id, checkpoint_key, state, attempts, due_at, delivered_at, last_error FROM notifications",
            r => new LedgerRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), Micros(r.GetInt64(5)),
                r.IsDBNull(6) ? null : Micros(r.GetInt64(6)), r.IsDBNull(7) ? null : r.GetString(7)));

    public override async Task<SyncStateRow?> SyncStateAsync(string source) =>
        (await SqliteFile.QueryAsync(File, $"SELECT cursor, last_success, last_attempt, last_error FROM sync_state WHERE source = '{source}'",
            r => new SyncStateRow(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : Micros(r.GetInt64(1)),
                r.IsDBNull(2) ? null : Micros(r.GetInt64(2)), r.IsDBNull(3) ? null : r.GetString(3)))).SingleOrDefault();

    public override async Task<long> TicketCountAsync() =>
        (await SqliteFile.QueryAsync(File, "SELECT count(*) FROM tickets", r => r.GetInt64(0))).SingleOrDefault();

    public override async Task<long> JobCountAsync(string state, string method) =>
        (await SqliteFile.QueryAsync(HangfireFile, $"SELECT count(*) FROM Job WHERE StateName = '{state}' AND InvocationData LIKE '%{method}%'", r => r.GetInt64(0))).SingleOrDefault();

    /// <summary>Jobs not finished with their queue rows and state history (Hangfire.Storage.SQLite keeps times as ticks).</summary>
    public override async Task<string> DescribeHangfireAsync()
    {
        if (!System.IO.File.Exists(HangfireFile)) return "hangfire: no file yet";
        var jobs = await SqliteFile.QueryAsync(HangfireFile, """
            SELECT j.Id, j.StateName, substr(j.InvocationData, instr(j.InvocationData, '"Method"'), 40),
                   (SELECT group_concat(q.Queue || ' fetched ' || q.FetchedAt, '; ') FROM JobQueue q WHERE q.JobId = j.Id),
                   (SELECT group_concat(s.Name || ' ' || s.CreatedAt, ' > ') FROM (SELECT * FROM State WHERE JobId = j.Id ORDER BY Id) s)
            FROM Job j WHERE j.StateName NOT IN ('Succeeded', 'Deleted') ORDER BY j.Id LIMIT 30
            """, r => string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "-" : r.GetValue(i).ToString())));
        var locks = await SqliteFile.QueryAsync(HangfireFile, "SELECT Resource, ExpireAt FROM DistributedLock", r => $"{r.GetValue(0)} until {r.GetValue(1)}");
        return "hangfire jobs not finished (queue rows; states):\n" + string.Join("\n", jobs.Select(j => "  " + j))
            + "\nhangfire locks: " + string.Join(", ", locks);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
