using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlaTimers.Storage;

namespace SlaTimers.Worker.Hosting;

public static class WorkerStorageHostingExtensions
{
    /// <summary>
    /// Our storage (<c>Storage</c> section and <c>ConnectionStrings</c>), migrated at start by
    /// <see cref="StorageStartup"/>, which waits for a database that is not reachable yet.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerStorage(this IHostApplicationBuilder builder)
    {
        // Before AddSlaStorage: hosted services start in registration order, so this waits for the database
        // before the Storage project's own migration step runs (and finds nothing left to do).
        builder.Services.AddHostedService<StorageStartup>();
        builder.AddSlaStorage();
        return builder;
    }
}
