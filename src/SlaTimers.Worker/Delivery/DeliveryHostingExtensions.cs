using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Delivery;

public static class DeliveryHostingExtensions
{
    /// <summary>
    /// The channels (<c>Channels</c> section), the channel strategy (pickup for now; a later registration of
    /// <see cref="IChannelStrategy"/> replaces it) and the delivery jobs, with the <c>Delivery</c> options validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddSlaDelivery(this IHostApplicationBuilder builder)
    {
        builder.AddNotificationChannels();
        // A relative pickup folder lies in the content root, beside the database (data/outbox), wherever the
        // process was started from (`dotnet run` starts it in the project folder).
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.PostConfigure<PickupOptions>(options => options.Directory = Path.GetFullPath(options.Directory, contentRoot));
        builder.Services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        builder.Services.TryAddSingleton<IChannelStrategy, ConfiguredChannelStrategy>();
        // Messages come from config/templates when it exists (reloaded with the configuration), else the built-in wording.
        builder.Services.AddMessageTemplates(sp => sp.GetRequiredService<Configuration.SlaConfigurationHolder>().Current.Directory);
        builder.Services.AddTransient<CheckpointNotifier>();
        builder.Services.AddTransient<NotificationComposer>();
        builder.Services.AddTransient<DeliveryRecovery>();
        builder.Services.AddTransient<DeliveryJob>();
        return builder;
    }
}
