using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Storage;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Hangfire;

public static class HangfireHostingExtensions
{
    /// <summary>
    /// Registers Hangfire (client, recurring-job manager, server) on the storage <see cref="HangfireStorageFactory"/>
    /// makes, with the <c>Hangfire</c> options validated at start. Needs <c>AddSlaStorage</c> (its
    /// <see cref="StorageOptions"/> choose the engine).
    /// </summary>
    /// <remarks>
    /// The storage and the job activator are registered per host instead of through Hangfire's process-wide
    /// <c>JobStorage.Current</c>, so several hosts in one process (the integration tests) never share a storage.
    /// </remarks>
    public static IHostApplicationBuilder AddSlaHangfire(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HangfireOptions>()
            .BindConfiguration(HangfireOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HangfireOptions>, HangfireOptionsValidator>();

        var contentRoot = builder.Environment.ContentRootPath;
        services.AddSingleton<JobStorage>(sp =>
        {
            // As Hangfire's own registrations do: its configuration first (serializer, and logging into this host's loggers).
            sp.GetRequiredService<IGlobalConfiguration>();
            return HangfireStorageFactory.Create(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value,
                sp.GetRequiredService<IOptions<HangfireOptions>>().Value,
                contentRoot);
        });
        // Our own cluster-wide locks: on PostgreSQL advisory locks that die with their holder's connection; on SQLite
        // (one instance) Hangfire's locks in its file, which a dead holder keeps only for their short lifetime.
        services.AddSingleton<IJobLocks>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.Engine == StorageEngine.Postgres
                ? new PostgresJobLocks(storage.PostgresConnectionString!)
                : new HangfireJobLocks(sp.GetRequiredService<JobStorage>());
        });
        services.AddSingleton<IJobStates>(sp => new HangfireJobStates(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));

        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // The dashboard checks antiforgery tokens on its buttons (delete, requeue) only when the service exists.
        services.AddAntiforgery();
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<HangfireOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.Queues = HangfireQueues.All;
            server.SchedulePollingInterval = options.SchedulePollingInterval;
        });
        return builder;
    }
}
