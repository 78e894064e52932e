using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using SlaTimers.Testing.Postgres;
using SlaTimers.Testing.Sqlite;

namespace SlaTimers.LoadDriver;

/// <summary>
/// The progress of a run, read from the store cheaply enough to poll: tickets stored (the position of the stored sync
/// cursor in the stub's change log: it moves only with stored pages), Hangfire jobs created (the highest job id), and
/// — once asked for — timers due within the horizon and those still without their job, and Hangfire's jobs kept.
/// </summary>
public sealed record StoreProgress(long Tickets, long HangfireJobsCreated, long TimersDue = 0, long TimersUnscheduled = 0, long HangfireJobs = 0);

/// <summary>One row of the ledger: when it was due and when it was delivered.</summary>
public sealed record LedgerEntry(string Key, string State, Instant DueAt, Instant? DeliveredAt);

/// <summary>The store under load: the worker's settings for it, and the counts the driver polls.</summary>
public abstract class LoadStore : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>The port of the run's own PostgreSQL cluster, whose server processes' CPU is counted; 0: no server; null: a given server (every postgres process counts).</summary>
    public virtual int? ClusterPort => null;

    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>How the database server is set up (durability), for the results.</summary>
    public abstract Task<string> DescribeAsync();

    /// <param name="horizon">Timers due before it need a Hangfire job (the worker's <c>Timers:Horizon</c>).</param>
    /// <param name="timers">Also count the timers and Hangfire's jobs (slower: not while the backfill runs).</param>
    public abstract Task<StoreProgress> ProgressAsync(Instant horizon, bool timers);

    /// <summary>The tickets a stored cursor stands for: the stub's cursors are positions in its change log (<c>cursor:c{n}</c>).</summary>
    protected static long Position(string? cursor) =>
        cursor is not null && cursor.StartsWith("cursor:c", StringComparison.Ordinal) && long.TryParse(cursor.AsSpan(8), out var n) ? n : 0;

    public abstract Task<IReadOnlyList<LedgerEntry>> LedgerAsync(IReadOnlyCollection<string> keys);

    /// <summary>Before the worker starts: statement statistics from zero, where the server keeps them.</summary>
    public virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>
    /// Before the worker starts: polls like <see cref="ProgressAsync"/>'s, so that the code reading them is compiled
    /// and optimized then, not in the backfill, whose CPU the driver shares with the worker.
    /// </summary>
    public virtual Task WarmUpAsync() => Task.CompletedTask;

    /// <summary>Where the database spent its time, when the server can tell.</summary>
    public virtual Task<string> StatementsAsync() => Task.FromResult("");

    public abstract ValueTask DisposeAsync();

    protected static Instant Micros(long value) => Instant.FromUnixTimeTicks(value * 10);

    protected static long ToMicros(Instant instant) => instant.ToUnixTimeTicks() / 10;
}

public sealed class PostgresLoadStore : LoadStore
{
    private readonly TestDatabase _database;
    private readonly PrivateCluster? _cluster;
    // One pooled connection for the polls: an unpooled one per query would fork a server process each time and show
    // up as PostgreSQL CPU the worker did not cause.
    private readonly NpgsqlDataSource _polls;
    private bool _schemaReady;

    private PostgresLoadStore(TestDatabase database, PrivateCluster? cluster)
    {
        _database = database;
        _cluster = cluster;
        _polls = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, ApplicationName = "loaddriver" }.ConnectionString);
    }

    public override string Name => "postgres";

    public override int? ClusterPort => _cluster?.Port;

    /// <param name="server">A server where the user may create databases; null starts a private cluster (durable settings).</param>
    /// <param name="serverSettings">Settings of the private cluster beyond PostgreSQL's defaults (for experiments).</param>
    public static async Task<PostgresLoadStore> CreateAsync(string? server, IReadOnlyList<string> serverSettings)
    {
        PrivateCluster? cluster = null;
        if (server is null)
        {
            cluster = await PrivateCluster.StartAsync(["shared_preload_libraries=pg_stat_statements", .. serverSettings]);
            server = cluster.ServerConnectionString;
        }
        return new PostgresLoadStore(await TestDatabase.CreateAsync(server, "slatimers_load"), cluster);
    }

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage__Provider"] = "postgres",
        ["ConnectionStrings__Postgres"] = _database.ConnectionString,
    };

    public override async Task<string> DescribeAsync()
    {
        var version = await _database.ScalarAsync<string>("SHOW server_version");
        var fsync = await _database.ScalarAsync<string>("SHOW fsync");
        var commit = await _database.ScalarAsync<string>("SHOW synchronous_commit");
        return $"PostgreSQL {version} on 127.0.0.1:{_database.Port} ({(_cluster is null ? "given server" : "private cluster")}), fsync={fsync}, synchronous_commit={commit}";
    }

    public override Task PrepareAsync() => StatementStats.ResetAsync(_database.ConnectionString);

    public override Task<string> StatementsAsync() => StatementStats.TopAsync(_database.ConnectionString);

    public override async Task<StoreProgress> ProgressAsync(Instant horizon, bool timers)
    {
        await using var connection = await _polls.OpenConnectionAsync();
        if (!_schemaReady)
        {
            await using var check = new NpgsqlCommand(
                "SELECT to_regclass('slatimers.sync_state') IS NOT NULL AND to_regclass('slatimers.ticket_timers') IS NOT NULL AND to_regclass('hangfire.job') IS NOT NULL",
                connection);
            if (await check.ExecuteScalarAsync() is not true) return new(0, 0);
            _schemaReady = true;
        }
        var sql = timers
            ? """
              SELECT (SELECT cursor FROM slatimers.sync_state WHERE source = 'zd'), (SELECT coalesce(max(id), 0) FROM hangfire.job),
                     (SELECT count(*) FROM slatimers.ticket_timers WHERE due_at < $1),
                     (SELECT count(*) FROM slatimers.ticket_timers WHERE due_at < $1 AND (job_id IS NULL OR job_due_at IS DISTINCT FROM due_at)),
                     (SELECT count(*) FROM hangfire.job)
              """
            : "SELECT (SELECT cursor FROM slatimers.sync_state WHERE source = 'zd'), (SELECT coalesce(max(id), 0) FROM hangfire.job)";
        return await ReadProgressAsync(connection, sql, timers ? horizon : null);
    }

    /// <summary>The polls' statement, without the schema: the worker has not made it yet.</summary>
    public override async Task WarmUpAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            await using var connection = await _polls.OpenConnectionAsync();
            await ReadProgressAsync(connection, "SELECT (SELECT 'cursor:c0'::text), (SELECT 0::bigint)", horizon: null);
        }
    }

    private static async Task<StoreProgress> ReadProgressAsync(NpgsqlConnection connection, string sql, Instant? horizon)
    {
        var timers = horizon is not null;
        await using var command = new NpgsqlCommand(sql, connection);
        if (horizon is { } at) command.Parameters.Add(new NpgsqlParameter { Value = at.ToDateTimeUtc() });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var cursor = reader.IsDBNull(0) ? null : reader.GetString(0);
        var created = reader.GetInt64(1);
        return timers ? new(Position(cursor), created, reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)) : new(Position(cursor), created);
    }

    public override async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(IReadOnlyCollection<string> keys)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT key, state, (extract(epoch from due_at) * 1000000)::bigint, (extract(epoch from delivered_at) * 1000000)::bigint FROM slatimers.notifications WHERE key = ANY($1)",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new LedgerEntry(reader.GetString(0), reader.GetString(1), Micros(reader.GetInt64(2)), reader.IsDBNull(3) ? null : Micros(reader.GetInt64(3))));
        }
        return entries;
    }

    public override async ValueTask DisposeAsync()
    {
        await _polls.DisposeAsync();
        await _database.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

public sealed class SqliteLoadStore(string folder) : LoadStore
{
    public override string Name => "sqlite";

    /// <summary>No server: other engines' postgres processes on the machine are not this run's (port 0 matches none).</summary>
    public override int? ClusterPort => 0;

    private string File => Path.Combine(folder, "slatimers.db");

    private string HangfireFile => Path.Combine(folder, "hangfire.db");

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage__Provider"] = "sqlite",
        ["ConnectionStrings__Sqlite"] = $"Data Source={File}",
    };

    public override Task<string> DescribeAsync() => Task.FromResult($"SQLite {SqliteVersion()} files in {folder} (WAL, synchronous=NORMAL)");

    public override async Task<StoreProgress> ProgressAsync(Instant horizon, bool timers)
    {
        var cursor = (await SqliteFile.QueryAsync(File, "SELECT cursor FROM sync_state WHERE source = 'zd'", r => r.IsDBNull(0) ? null : r.GetString(0))).SingleOrDefault();
        var created = (await SqliteFile.QueryAsync(HangfireFile, "SELECT coalesce(max(Id), 0) FROM Job", r => r.GetInt64(0))).SingleOrDefault();
        if (!timers) return new(Position(cursor), created);
        var at = ToMicros(horizon);
        var (due, unscheduled) = (await SqliteFile.QueryAsync(File, $"""
            SELECT (SELECT count(*) FROM ticket_timers WHERE due_at < {at}),
                   (SELECT count(*) FROM ticket_timers WHERE due_at < {at} AND (job_id IS NULL OR job_due_at IS NULL OR job_due_at <> due_at))
            """, r => (r.GetInt64(0), r.GetInt64(1)))).SingleOrDefault();
        var jobs = (await SqliteFile.QueryAsync(HangfireFile, "SELECT count(*) FROM Job", r => r.GetInt64(0))).SingleOrDefault();
        return new(Position(cursor), created, due, unscheduled, jobs);
    }

    public override async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(IReadOnlyCollection<string> keys)
    {
        var wanted = keys.ToHashSet();
        var rows = await SqliteFile.QueryAsync(File, "SELECT key, state, due_at, delivered_at FROM notifications",
            r => new LedgerEntry(r.GetString(0), r.GetString(1), Micros(r.GetInt64(2)), r.IsDBNull(3) ? null : Micros(r.GetInt64(3))));
        return [.. rows.Where(r => wanted.Contains(r.Key))];
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }
}
