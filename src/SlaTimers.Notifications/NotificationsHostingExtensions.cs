using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.GraphMail;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Teams;
using SlaTimers.Notifications.TeamsWebhook;
using SlaTimers.Notifications.Templates;

namespace SlaTimers.Notifications;

public static class NotificationsHostingExtensions
{
    /// <summary>The HttpClient names (IHttpClientFactory) of the token endpoint, Graph and webhook calls.</summary>
    public const string EntraHttpClient = "slatimers-entra";
    public const string GraphHttpClient = "slatimers-graph";
    public const string WebhookHttpClient = "slatimers-teams-webhook";

    /// <summary>
    /// Registers the channels, each bound to its <c>Channels:&lt;name&gt;</c> section and validated at start:
    /// <c>pickup</c> and <c>teams-webhook</c> (needs no settings) always; <c>smtp</c>, <c>graph-mail</c> and
    /// <c>teams</c> when their section exists.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationChannels(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(EntraHttpClient);
        services.AddHttpClient(GraphHttpClient);
        services.AddHttpClient(WebhookHttpClient);

        AddChannel<PickupOptions, PickupOptionsValidator, PickupChannel>(builder, PickupOptions.SectionName);
        AddChannel<TeamsWebhookOptions, TeamsWebhookOptionsValidator, TeamsWebhookChannel>(builder, TeamsWebhookOptions.SectionName);
        if (builder.Configuration.GetSection(SmtpOptions.SectionName).Exists())
        {
            AddChannel<SmtpOptions, SmtpOptionsValidator, SmtpChannel>(builder, SmtpOptions.SectionName);
        }
        if (builder.Configuration.GetSection(GraphMailOptions.SectionName).Exists())
        {
            AddChannel<GraphMailOptions, GraphMailOptionsValidator, GraphMailChannel>(builder, GraphMailOptions.SectionName);
        }
        if (builder.Configuration.GetSection(TeamsOptions.SectionName).Exists())
        {
            AddChannel<TeamsOptions, TeamsOptionsValidator, TeamsActivityChannel>(builder, TeamsOptions.SectionName);
        }
        return builder;
    }

    /// <summary>
    /// Registers <see cref="IMessageComposer"/>: the templates of <c>{config}/templates</c> when that folder exists,
    /// else the built-in wording. The templates are read and checked at start (problems stop the start, listed as
    /// <c>file: path: message</c>); <see cref="MessageTemplates.Reload"/> reads them again after a config change.
    /// </summary>
    public static IServiceCollection AddMessageTemplates(this IServiceCollection services, Func<IServiceProvider, string> configDirectory)
    {
        services.TryAddSingleton(sp => MessageTemplates.Load(configDirectory(sp)));
        services.TryAddSingleton<IMessageComposer, TemplateMessageComposer>();
        services.AddHostedService<MessageTemplatesStartup>();
        return services;
    }

    private static void AddChannel<TOptions, TValidator, TChannel>(IHostApplicationBuilder builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
        where TChannel : class, INotificationChannel
    {
        builder.Services.AddOptions<TOptions>()
            .Bind(builder.Configuration.GetSection(section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        builder.Services.AddSingleton<TChannel>();
        builder.Services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<TChannel>());
    }

    /// <summary>Reads the templates when the host starts, so a broken template stops the start instead of the first warning.</summary>
    private sealed class MessageTemplatesStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<MessageTemplates>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
