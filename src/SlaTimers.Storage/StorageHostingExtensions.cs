using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;

namespace SlaTimers.Storage;

public static class StorageHostingExtensions
{
    /// <summary>
    /// Registers the storage ports (<see cref="ITicketStore"/>, <see cref="ITimerStore"/>,
    /// <see cref="INotificationLedger"/>) and <see cref="IStorageMigrator"/> on the engine the <c>Storage</c>
    /// section names; validates the options when the host starts and, unless <c>Storage:MigrateAtStart</c> is
    /// false, migrates the schema before any hosted service starts.
    /// </summary>
    public static IHostApplicationBuilder AddSlaStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (configuration.GetConnectionString(StorageOptions.SqliteConnectionName) is { Length: > 0 } sqlite) options.SqliteConnectionString = sqlite;
                if (configuration.GetConnectionString(StorageOptions.PostgresConnectionName) is { Length: > 0 } postgres) options.PostgresConnectionString = postgres;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton(sp => StorageBackend.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, contentRoot));
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Tickets);
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Timers);
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Ledger);
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().Migrator);
        services.AddSingleton<ISlaQueries>(sp => new Queries.SqlSlaQueries(sp.GetRequiredService<StorageBackend>().Database));
        services.AddHostedService<StorageMigrationOnStart>();
        return builder;
    }
}
