using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Helpdesks;
using SlaTimers.Storage;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Sync;

public static class SyncHostingExtensions
{
    /// <summary>
    /// The helpdesks (<c>Helpdesks</c> section) and their recurring sync jobs, with the <c>Sync</c> options
    /// validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddSlaSync(this IHostApplicationBuilder builder)
    {
        builder.AddHelpdesks();
        builder.Services.AddOptions<SyncOptions>()
            .BindConfiguration(SyncOptions.SectionName)
            .PostConfigure<IOptions<StorageOptions>>((sync, storage) => sync.TimersBesideStore ??= storage.Value.Engine == StorageEngine.Postgres)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>();
        builder.Services.AddSingleton<ISyncBackoff, SyncBackoff>();
        builder.Services.AddTransient<SyncJob>();
        builder.Services.AddHostedService<SyncSchedule>();
        return builder;
    }
}
