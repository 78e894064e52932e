using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Pickup;

namespace SlaTimers.Notifications;

public static class NotificationsHostingExtensions
{
    /// <summary>Registers the channels: <c>pickup</c> (bound to <c>Channels:pickup</c>) always.</summary>
    public static IHostApplicationBuilder AddNotificationChannels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PickupOptions>()
            .Bind(builder.Configuration.GetSection(PickupOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<INotificationChannel, PickupChannel>();
        return builder;
    }
}
