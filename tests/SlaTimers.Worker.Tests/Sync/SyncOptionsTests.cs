using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Storage;
using SlaTimers.Worker.Sync;

namespace SlaTimers.Worker.Tests.Sync;

/// <summary>The <c>Sync</c> section's defaults that follow the storage engine, and settings that override them.</summary>
public sealed class SyncOptionsTests
{
    [Theory]
    [InlineData("postgres", true)]
    [InlineData("sqlite", false)]
    public void SideBySideWork_FollowsTheStorageEngine_WhenNotSet(string provider, bool sideBySide)
    {
        var options = Resolve(new() { ["Storage:Provider"] = provider });

        Assert.Equal((sideBySide, sideBySide), (options.TimersBesideStore, options.PagesSideBySide));
    }

    [Fact]
    public void SideBySideWork_AsSet_WinsOverTheEngineDefault()
    {
        var options = Resolve(new() { ["Storage:Provider"] = "postgres", ["Sync:PagesSideBySide"] = "false", ["Sync:TimersBesideStore"] = "false" });

        Assert.Equal((false, false), (options.TimersBesideStore, options.PagesSideBySide));
    }

    private static SyncOptions Resolve(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        builder.AddSlaSync();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<SyncOptions>>().Value;
    }
}
