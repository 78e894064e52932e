using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlaTimers.Storage;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Timers;

public sealed class TimerOptionsTests
{
    [Fact]
    public void Defaults_AMinuteBeforeATimerIsLost_FiveBeforeAPendingJobCountsAsStranded()
    {
        var options = Read();

        Assert.Equal(TimeSpan.FromMinutes(1), options.LostJobGrace);
        Assert.Equal(TimeSpan.FromMinutes(5), options.StuckJobAfter);
    }

    [Fact]
    public void StuckJobAfter_ShorterThanLostJobGrace_IsRefused_NamingBothKeys()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Read(("Timers:LostJobGrace", "00:02:00"), ("Timers:StuckJobAfter", "00:01:00")));

        Assert.Contains("Timers:StuckJobAfter must not be shorter than Timers:LostJobGrace.", e.Failures);
    }

    [Fact]
    public void StuckJobAfter_OutOfRange_IsRefused()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Read(("Timers:StuckJobAfter", "00:00:01")));

        Assert.Contains(e.Failures, f => f.Contains(nameof(TimerOptions.StuckJobAfter), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:04")]
    [InlineData("1.00:00:01")]
    public void LateAfter_OutOfRange_IsRefused_NamingTheKey(string value)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Read(("Timers:LateAfter", value)));

        Assert.Contains(e.Failures, f => f.Contains(nameof(TimerOptions.LateAfter), StringComparison.Ordinal));
    }

    [Fact]
    public void LateAfter_DefaultsToAMinute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), Read().LateAfter);
    }

    [Theory]
    [InlineData("postgres", TimerOptions.PostgresScheduleConcurrency)]
    [InlineData("sqlite", 1)]
    public void ScheduleConcurrency_DefaultsByEngine_SideBySideOnPostgreSqlOnly(string provider, int expected)
    {
        Assert.Equal(expected, Read(("Storage:Provider", provider)).ScheduleConcurrency);
    }

    [Fact]
    public void ScheduleConcurrency_Given_IsKeptOnEitherEngine()
    {
        Assert.Equal(3, Read(("Storage:Provider", "sqlite"), ("Timers:ScheduleConcurrency", "3")).ScheduleConcurrency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    public void ScheduleConcurrency_OutOfRange_IsRefused_NamingTheKey(string value)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Read(("Timers:ScheduleConcurrency", value)));

        Assert.Contains(e.Failures, f => f.Contains(nameof(TimerOptions.ScheduleConcurrency), StringComparison.Ordinal));
    }

    private static TimerOptions Read(params (string Key, string Value)[] values)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        builder.AddSlaTimers();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<TimerOptions>>().Value;
    }
}
