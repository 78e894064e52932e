using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using SlaTimers.Core.Notifications;
using SlaTimers.Helpdesks;
using SlaTimers.Notifications.Channels;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hosting;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Integration;

/// <summary>
/// The real worker host (web application, Hangfire server, storage, timers, deliveries) on real time, with the
/// test config (seconds-long budgets on 24x7), a scripted helpdesk and the test channels. One per engine and test
/// class; tests use tickets of their own.
/// </summary>
public abstract class WorkerFixture : IAsyncLifetime
{
    private readonly TempFolder _config = WorkerConfig.Create();

    protected TempFolder Folder { get; } = new();

    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("The worker did not start.");
    public TestHelpdesk Helpdesk { get; } = new();
    public RecordingChannel Channel => App.Services.GetServices<INotificationChannel>().OfType<RecordingChannel>().Single();
    public INotificationLedger Ledger => App.Services.GetRequiredService<INotificationLedger>();
    public IBackgroundJobClient Jobs => App.Services.GetRequiredService<IBackgroundJobClient>();
    public JobStorage Storage => App.Services.GetRequiredService<JobStorage>();

    /// <summary>The storage settings of the engine under test, as command-line arguments.</summary>
    protected abstract Task<string[]> StorageArgumentsAsync();

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Channels:pickup:Directory=outbox",
            "--ConfigReload:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            .. await StorageArgumentsAsync(),
        ];
        var builder = WorkerHost.CreateBuilder(new WorkerHostSettings(args, Folder.Path, _config.Path, SystemClock.Instance));
        builder.Services.AddSingleton<ITicketSourceRegistry>(Helpdesk);
        builder.Services.AddSingleton<IChannelStrategy, TestChannelStrategy>();
        builder.Services.AddSingleton<INotificationChannel, RecordingChannel>();
        builder.Services.AddSingleton<INotificationChannel, BouncingChannel>();
        _app = builder.Build();
        _app.MapWorkerEndpoints();
        await _app.StartAsync();
    }

    /// <summary>One run of the sync job for the scripted helpdesk, as Hangfire would run it.</summary>
    public async Task SyncAsync()
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SyncJob>().RunAsync(TestHelpdesk.SourceName, CancellationToken.None);
    }

    public string? StateOf(string jobId)
    {
        using var connection = Storage.GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    /// <summary>The waiting timer jobs of a ticket.</summary>
    public IReadOnlyList<string> TimerJobsOf(string externalId) =>
        [.. Storage.GetMonitoringApi().ScheduledJobs(0, 1000).Where(j => j.Value.Job?.Args[1] as string == externalId).Select(j => j.Key)];

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        _config.Dispose();
        Folder.Dispose();
    }
}

public sealed class SqliteWorkerFixture : WorkerFixture
{
    protected override Task<string[]> StorageArgumentsAsync() =>
        Task.FromResult<string[]>(["--Storage:Provider=sqlite", "--ConnectionStrings:Sqlite=Data Source=data/slatimers.db"]);
}

/// <summary>
/// A database of its own on the server of <c>SLATIMERS_TEST_POSTGRES</c> (tests/run.sh starts one), dropped after.
/// Without the variable these tests fail: both engines must work, so neither is ever skipped.
/// </summary>
public sealed class PostgresWorkerFixture : WorkerFixture
{
    public const string Variable = "SLATIMERS_TEST_POSTGRES";

    private readonly string _database = $"slatimers_w_{Guid.NewGuid():N}";
    private bool _created;

    private static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set, so the PostgreSQL worker tests cannot run. Run tests/run.sh, which starts a private PostgreSQL "
            + $"cluster and exports {Variable}, or export an Npgsql connection string to a server where the user may create databases.");

    protected override async Task<string[]> StorageArgumentsAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {_database}");
        _created = true;
        var connection = new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString;
        return ["--Storage:Provider=postgres", $"--ConnectionStrings:Postgres={connection}"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_created) await ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
