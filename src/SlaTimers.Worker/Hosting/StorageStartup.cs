using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlaTimers.Storage;

namespace SlaTimers.Worker.Hosting;

/// <summary>
/// Brings the schema up to date before anything else starts, and waits for the database when it is not there
/// yet (a database server that starts after the worker, a network blip): a clear log line and a retry with
/// backoff, instead of a crash loop. Registered before the Storage project's own migration step, which then finds
/// the schema current. The connection string is never logged (it may hold a password).
/// </summary>
public sealed partial class StorageStartup(IStorageMigrator migrator, IOptions<StorageOptions> options, ILogger<StorageStartup> logger)
    : IHostedLifecycleService
{
    /// <summary>The delay before the n-th retry: 1 s, 2 s, 4 s … at most <see cref="MaxDelay"/>.</summary>
    public static TimeSpan Delay(int attempt) => TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(attempt - 1, 10))));

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateAtStart) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await migrator.MigrateAsync(cancellationToken);
                if (attempt > 1) LogReachable(options.Value.Provider, attempt);
                if (applied.Count > 0) LogMigrated(options.Value.Provider, string.Join(", ", applied));
                return;
            }
            catch (Exception e) when (IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
            {
                var delay = Delay(attempt);
                // The message only: some drivers put connection details in ToString(), never the password, but be sure.
                LogUnavailable(options.Value.Provider, e.GetType().Name, e.Message, delay, attempt);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>A database that is down or unreachable, as opposed to a fault in a migration script.</summary>
    private static bool IsUnavailable(Exception e) => e switch
    {
        DbException db => db is not Npgsql.PostgresException { SqlState: not ("57P03" or "53300") },
        SocketException or TimeoutException or IOException => true,
        _ => e.InnerException is { } inner && IsUnavailable(inner),
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Storage ({Provider}) is not reachable ({Error}: {Message}); the worker waits for it and tries again in {Delay} (attempt {Attempt}).")]
    private partial void LogUnavailable(string provider, string error, string message, TimeSpan delay, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ({Provider}): applied schema migrations {Versions}.")]
    private partial void LogMigrated(string provider, string versions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ({Provider}) is reachable after {Attempt} attempts.")]
    private partial void LogReachable(string provider, int attempt);
}
