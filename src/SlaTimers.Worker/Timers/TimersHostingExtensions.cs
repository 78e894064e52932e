using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Storage;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Timers;

public static class TimersHostingExtensions
{
    /// <summary>Timer jobs, their scheduler and the recurring maintenance, with the <c>Timers</c> options validated at start.</summary>
    public static IHostApplicationBuilder AddSlaTimers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TimerOptions>()
            .BindConfiguration(TimerOptions.SectionName)
            .PostConfigure<IOptions<StorageOptions>>((timers, storage) =>
                timers.ScheduleConcurrency ??= storage.Value.Engine == StorageEngine.Postgres ? TimerOptions.PostgresScheduleConcurrency : 1)
            .Validate(o => o.StuckJobAfter >= o.LostJobGrace,
                $"{TimerOptions.SectionName}:{nameof(TimerOptions.StuckJobAfter)} must not be shorter than {TimerOptions.SectionName}:{nameof(TimerOptions.LostJobGrace)}.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TimerOptions>, TimerOptionsValidator>();
        builder.Services.AddSingleton<ReconcileGate>();
        builder.Services.AddTransient<TimerScheduler>();
        builder.Services.AddTransient<TimerJob>();
        builder.Services.AddTransient<LostTimerJobs>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<TimerBacklogWatch>();
        builder.Services.AddTransient<MaintenanceJob>();
        builder.Services.AddHostedService<MaintenanceSchedule>();
        return builder;
    }
}
