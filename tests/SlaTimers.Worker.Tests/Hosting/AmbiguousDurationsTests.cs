using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SlaTimers.Worker.Hosting;

namespace SlaTimers.Worker.Tests.Hosting;

public sealed class AmbiguousDurationsTests
{
    [Fact]
    public void HoursOfADayOrMore_AreRefused_NamingTheSettingAndWhatDotNetReads()
    {
        var e = Assert.Throws<OptionsValidationException>(() => AmbiguousDurations.ThrowIfAny(Configuration(
            ("Timers:Horizon", "24:00:00"), ("Delivery:DigestWindow", "36:00"), ("Helpdesks:zd:PollInterval", "48:00:00"))));

        Assert.Equal(
        [
            "Delivery:DigestWindow is '36:00', which is not 36 hours: .NET cannot read it. Write days before a dot: '1.00:00:00' is one day.",
            "Helpdesks:zd:PollInterval is '48:00:00', which is not 48 hours: .NET reads it as 48 days. Write days before a dot: '1.00:00:00' is one day.",
            "Timers:Horizon is '24:00:00', which is not 24 hours: .NET reads it as 24 days. Write days before a dot: '1.00:00:00' is one day.",
        ], e.Failures);
    }

    [Theory]
    [InlineData("Timers:Horizon", "23:59:59")]
    [InlineData("Timers:Horizon", "1.00:00:00")]
    [InlineData("Timers:Horizon", "24.00:00:00")]
    [InlineData("Timers:BatchSize", "500")]
    [InlineData("Dashboard:TimeZone", "Europe/Amsterdam")]
    [InlineData("Elsewhere:Duration", "24:00:00")] // not ours
    public void OtherValues_PassUnremarked(string key, string value)
    {
        Assert.Empty(AmbiguousDurations.Find(Configuration((key, value))));
    }

    [Fact]
    public void TheWorkerHost_RefusesToBeBuiltWithOne()
    {
        using var config = Support.WorkerConfig.Create();
        var e = Assert.Throws<OptionsValidationException>(() => WorkerHost.CreateBuilder(
            new WorkerHostSettings(["--Timers:Horizon=24:00:00"], config.Path, config.Path, NodaTime.SystemClock.Instance)));

        Assert.Contains(e.Failures, f => f.StartsWith("Timers:Horizon is '24:00:00'", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
