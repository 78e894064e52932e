using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Refit;
using SlaTimers.Core.Sync;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// One Zendesk helpdesk in the container: its named options, a keyed, source-generated Refit client (<c>AddKeyedRefitGeneratedClient</c>, so
/// several Zendesk accounts live side by side) on an <see cref="IHttpClientFactory"/> client with the API-token
/// handler and the retry pipeline, its name directory, and its ticket source under the helpdesk's name.
/// </summary>
internal static class ZendeskRegistration
{
    public static void Add(IServiceCollection services, string name, IConfigurationSection section)
    {
        services.AddOptions<ZendeskOptions>(name).Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZendeskOptions>, ZendeskOptionsValidator>());

        services.AddKeyedRefitGeneratedClient<IZendeskApi>(name, RefitSettings.ForJsonContext(ZendeskJsonContext.Default), $"helpdesk-{name}")
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = new Uri(OptionsOf(sp, name).BaseUrl!, UriKind.Absolute);
                // Each attempt has its own timeout in the pipeline; the retries bound the whole.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SlaTimers", "1.0"));
            })
            // No request-by-request log lines (four per audits request at Information): a failed read is reported,
            // with its URL, by ZendeskResponses and the sync job.
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp =>
            {
                var options = OptionsOf(sp, name);
                return new ZendeskAuthHandler(options.Email!, options.ApiToken!);
            })
            .AddResilienceHandler($"zendesk-{name}", (pipeline, context) =>
                ZendeskResilience.Configure(pipeline, OptionsOf(context.ServiceProvider, name), context.ServiceProvider.GetRequiredService<IClock>()));

        services.AddKeyedSingleton(name, (sp, _) => new ZendeskDirectory(
            name, sp.GetService<ILoggerFactory>()?.CreateLogger<ZendeskDirectory>() ?? NullLogger<ZendeskDirectory>.Instance));
        services.AddKeyedTransient<ITicketSource>(name, (sp, _) => new ZendeskTicketSource(
            name,
            OptionsOf(sp, name),
            sp.GetRequiredKeyedService<IZendeskApi>(name),
            sp.GetRequiredKeyedService<ZendeskDirectory>(name),
            sp.GetRequiredService<IClock>()));
    }

    public static ZendeskOptions OptionsOf(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<ZendeskOptions>>().Get(name);
}
