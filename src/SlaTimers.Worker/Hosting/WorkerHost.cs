using Microsoft.AspNetCore.Builder;
using NodaTime;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Hosting;

/// <summary>What the worker host is built from: arguments for the host, and the folders and clock the CLI resolved.</summary>
public sealed record WorkerHostSettings(string[] Args, string ContentRoot, string ConfigDirectory, IClock Clock);

/// <summary>
/// Composes the long-running worker (<c>slatimers run</c>): a web application (Kestrel on the <c>Urls</c> setting,
/// default <c>http://127.0.0.1:5080</c>) with the Hangfire server, the helpdesk sync, timers and deliveries. Each
/// concern adds itself through one <c>AddXxx(this IHostApplicationBuilder)</c>; endpoints are mapped by
/// <see cref="WorkerEndpoints.MapWorkerEndpoints"/>.
/// </summary>
public static class WorkerHost
{
    /// <exception cref="SlaTimers.Configuration.ConfigurationInvalidException">The config folder has problems: the host must not start.</exception>
    public static WebApplication Build(WorkerHostSettings settings)
    {
        var app = CreateBuilder(settings).Build();
        app.MapWorkerEndpoints();
        return app;
    }

    /// <summary>Every service of the worker, before it is built: tests replace a service here (a scripted helpdesk).</summary>
    public static WebApplicationBuilder CreateBuilder(WorkerHostSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.Args,
            ContentRootPath = settings.ContentRoot,
        });
        AmbiguousDurations.ThrowIfAny(builder.Configuration);
        builder.AddClock(settings.Clock);
        builder.AddSlaConfiguration(settings.ConfigDirectory);
        builder.AddWorkerStorage();
        builder.AddSlaHangfire();
        builder.AddSlaSync();
        builder.AddSlaTimers();
        builder.AddSlaDelivery();
        builder.AddConfigReload();
        builder.AddRuntimeSettingsReport();
        return builder;
    }
}
