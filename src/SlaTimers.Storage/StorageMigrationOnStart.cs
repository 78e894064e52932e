using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SlaTimers.Storage;

/// <summary>
/// Migrates the schema while the host is starting, before any hosted service's StartAsync (Hangfire's server,
/// the sync jobs), so nothing reads a schema older than the code. A failure stops the start.
/// </summary>
internal sealed partial class StorageMigrationOnStart(IStorageMigrator migrator, IOptions<StorageOptions> options, ILogger<StorageMigrationOnStart> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateAtStart) return;
        var applied = await migrator.MigrateAsync(cancellationToken);
        if (applied.Count > 0) LogMigrated(options.Value.Provider, string.Join(", ", applied));
        else LogCurrent(options.Value.Provider);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ({Provider}): applied schema migrations {Versions}.")]
    private partial void LogMigrated(string provider, string versions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ({Provider}): schema is current.")]
    private partial void LogCurrent(string provider);
}
