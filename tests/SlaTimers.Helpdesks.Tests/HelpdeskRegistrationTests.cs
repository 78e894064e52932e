using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Helpdesks.Demo;
using SlaTimers.Helpdesks.Tests.Support;
using SlaTimers.Helpdesks.Zendesk;

namespace SlaTimers.Helpdesks.Tests;

public class HelpdeskRegistrationTests
{
    private static readonly Uri Local = new("http://127.0.0.1:9/");

    [Fact]
    public async Task A_demo_and_a_zendesk_side_by_side_are_listed_with_their_poll_intervals_and_found_by_name()
    {
        var settings = HelpdeskHost.Zendesk(Local, ("PollInterval", "00:02:00"));
        settings["Helpdesks:demo:Type"] = "demo";
        settings["Helpdesks:demo:PollInterval"] = "00:00:15";
        await using var host = await HelpdeskHost.StartAsync(settings);

        var helpdesks = host.Registry.Helpdesks.OrderBy(h => h.Name).ToList();

        Assert.Equal(
            [new HelpdeskDescriptor("demo", "demo", TimeSpan.FromSeconds(15)), new HelpdeskDescriptor("zd", "zendesk", TimeSpan.FromMinutes(2))],
            helpdesks);
        Assert.Equal("demo", host.Registry.Get("DEMO").Name);
        Assert.Equal("zd", host.Registry.Get("zd").Name);
        var error = Assert.Throws<KeyNotFoundException>(() => host.Registry.Get("freshdesk"));
        Assert.Contains("'freshdesk'", error.Message);
    }

    [Fact]
    public async Task No_helpdesks_section_means_no_helpdesks()
    {
        await using var host = await HelpdeskHost.StartAsync(new Dictionary<string, string?>());

        Assert.Empty(host.Registry.Helpdesks);
    }

    [Fact]
    public async Task A_zendesk_without_address_or_credentials_stops_the_start_naming_each_key()
    {
        var message = await StartFailureAsync(new() { ["Helpdesks:zd:Type"] = "zendesk" });

        Assert.Contains("Helpdesks:zd:BaseUrl is required", message);
        Assert.Contains("Helpdesks:zd:Email is required", message);
        Assert.Contains("Helpdesks:zd:ApiToken is required", message);
    }

    [Fact]
    public async Task A_missing_or_unknown_type_stops_the_start_naming_the_key()
    {
        var message = await StartFailureAsync(new() { ["Helpdesks:a:PollInterval"] = "00:01:00", ["Helpdesks:b:Type"] = "freshdesk" });

        Assert.Contains("Helpdesks:a:Type is required", message);
        Assert.Contains("Helpdesks:b:Type 'freshdesk' is not a helpdesk type", message);
    }

    [Fact]
    public async Task A_misspelled_key_stops_the_start()
    {
        var settings = HelpdeskHost.Zendesk(Local, ("ApiTokn", "x"));

        var message = await StartFailureAsync(settings);

        Assert.Contains("Helpdesks:zd:ApiTokn is not a setting of a zendesk helpdesk", message);
    }

    [Fact]
    public async Task Bad_values_are_refused_with_their_keys()
    {
        var settings = HelpdeskHost.Zendesk(new Uri("ftp://example.com"), ("StatusMap:hold", "paused"), ("PageSize", "5000"), ("PollInterval", "00:00:00"));
        settings["Helpdesks:demo:Type"] = "demo";
        settings["Helpdesks:demo:Tickets"] = "0";

        var message = await StartFailureAsync(settings);

        Assert.Contains("Helpdesks:zd:BaseUrl 'ftp://example.com/' is not an absolute http(s) address", message);
        Assert.Contains("Helpdesks:zd:StatusMap:hold is 'paused'", message);
        Assert.Contains("Helpdesks:zd:PageSize is 5000", message);
        Assert.Contains("Helpdesks:zd:PollInterval", message);
        Assert.Contains("Helpdesks:demo:Tickets is 0", message);
    }

    [Fact]
    public void Status_map_entries_are_added_to_the_defaults_and_the_token_never_shows()
    {
        var settings = HelpdeskHost.Zendesk(Local, ("StatusMap:Wacht op leverancier", "on-hold"), ("StatusMap:solved", "closed"));
        using var host = HelpdeskHost.Build(settings, HelpdeskHost.Now, out _);

        var options = host.Services.GetRequiredService<IOptionsMonitor<ZendeskOptions>>().Get("zd");

        Assert.Equal("on-hold", options.StatusMap["wacht op leverancier"]);
        Assert.Equal("closed", options.StatusMap["solved"]);
        Assert.Equal("open", options.StatusMap["open"]);
        Assert.Equal("on-hold", options.StatusMap["hold"]);
        Assert.DoesNotContain("s3cr3t-token", options.ToString());
    }

    [Fact]
    public void Demo_defaults_are_usable_without_any_setting()
    {
        using var host = HelpdeskHost.Build(new Dictionary<string, string?> { ["Helpdesks:demo:Type"] = "demo" }, HelpdeskHost.Now, out _);

        var options = host.Services.GetRequiredService<IOptionsMonitor<DemoOptions>>().Get("demo");

        Assert.Equal((TimeSpan.FromSeconds(20), 12, "DEMO"), (options.Pace, options.Tickets, options.DisplayPrefix));
    }

    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        using var host = HelpdeskHost.Build(settings, HelpdeskHost.Now, out _);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        return error is AggregateException aggregate
            ? string.Join(Environment.NewLine, aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : error.Message;
    }
}
