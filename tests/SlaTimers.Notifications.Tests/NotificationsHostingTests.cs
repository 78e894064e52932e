using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Notifications.Templates;
using SlaTimers.Notifications.Tests.Support;

namespace SlaTimers.Notifications.Tests;

public class NotificationsHostingTests
{
    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNotificationChannels();
        return builder;
    }

    [Fact]
    public void Pickup_and_the_webhook_are_always_there_and_the_others_when_configured()
    {
        using var host = Builder(new()
        {
            ["Channels:smtp:Host"] = "smtp.example.nl",
            ["Channels:smtp:From"] = "sla@example.nl",
            ["Channels:teams:TenantId"] = "t", ["Channels:teams:ClientId"] = "c", ["Channels:teams:ClientSecret"] = "s",
            ["Channels:teams:TeamsAppId"] = "a",
        }).Build();

        var names = host.Services.GetServices<INotificationChannel>().Select(c => c.Name).Order();
        Assert.Equal(["pickup", "smtp", "teams", "teams-webhook"], names);
    }

    [Theory]
    [InlineData("Channels:smtp:Security", "None", "Channels:smtp:Password", "p", "Password is set but Username is not")]
    [InlineData("Channels:smtp:Username", "u", "Channels:smtp:Security", "None", "Credentials would travel unencrypted")]
    [InlineData("Channels:smtp:ClientId", "c", "Channels:smtp:TenantId", "t", "OAuth2 needs TenantId, ClientId and ClientSecret together")]
    [InlineData("Channels:smtp:AcceptSelfSignedCertificateThumbprint", "abc", "Channels:smtp:Port", "25", "SHA-1 (40 hex digits) or SHA-256")]
    public async Task An_unsafe_or_incomplete_smtp_configuration_stops_the_start(string key1, string value1, string key2, string value2, string expected)
    {
        using var host = Builder(new()
        {
            ["Channels:smtp:Host"] = "smtp.example.nl",
            ["Channels:smtp:From"] = "sla@example.nl",
            [key1] = value1,
            [key2] = value2,
        }).Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public async Task A_teams_topic_url_outside_teams_stops_the_start()
    {
        using var host = Builder(new()
        {
            ["Channels:teams:TenantId"] = "t", ["Channels:teams:ClientId"] = "c", ["Channels:teams:ClientSecret"] = "s",
            ["Channels:teams:TeamsAppId"] = "a", ["Channels:teams:TopicWebUrl"] = "https://helpdesk.example/{link}",
        }).Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("teams.microsoft.com", failure.Message);
    }

    [Fact]
    public void The_templates_of_the_config_folder_compose_the_messages()
    {
        var builder = Builder([]);
        builder.Services.AddMessageTemplates(_ => Repository.ConfigDirectory);
        using var host = builder.Build();

        var composer = host.Services.GetRequiredService<IMessageComposer>();
        Assert.IsType<TemplateMessageComposer>(composer);
        Assert.NotNull(host.Services.GetRequiredService<MessageTemplates>().Current);
        Assert.StartsWith("Warning 75% · ZD-4821", composer.Compose(Messages.Samples.Warning()).Subject);
    }

    [Fact]
    public async Task A_broken_template_stops_the_start_with_the_files_problem()
    {
        var config = Repository.CopyOfShippedTemplates();
        try
        {
            File.WriteAllText(Path.Combine(config, "templates", "warning.nl.text.liquid"), "{% for %}");
            var builder = Builder([]);
            builder.Services.AddMessageTemplates(_ => config);
            using var host = builder.Build();

            var failure = await Assert.ThrowsAsync<TemplateCatalogException>(() => host.StartAsync());
            Assert.Contains("templates/warning.nl.text.liquid", failure.Message);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }
}
