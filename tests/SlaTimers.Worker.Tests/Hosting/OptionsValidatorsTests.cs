using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlaTimers.Notifications.Pickup;
using SlaTimers.Notifications.TeamsWebhook;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Hangfire;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Tests.Dashboard;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Hosting;

/// <summary>
/// The options a worker binds are checked by generated validators, never by the reflection-based ValidateDataAnnotations:
/// its shared RangeAttribute parses TimeSpan bounds without a lock (dotnet/runtime#1143), and two hosts starting in one
/// test process failed now and then with "Unable to cast object of type 'System.TimeSpan' to type 'System.String'".
/// </summary>
public sealed class OptionsValidatorsTests
{
    /// <summary>The options every worker binds (the other channels' only when configured).</summary>
    public static TheoryData<Type> AlwaysBound =>
    [
        typeof(TimerOptions), typeof(HangfireOptions), typeof(ConfigReloadOptions), typeof(DeliveryOptions), typeof(SyncOptions),
        typeof(PickupOptions), typeof(TeamsWebhookOptions),
    ];

    [Theory]
    [MemberData(nameof(AlwaysBound))]
    public async Task EachOptionsType_HasItsGeneratedValidator_AndNoReflectionBasedOne(Type options)
    {
        await using var host = await DashboardHost.StartAsync();

        var validators = host.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(options)).Select(v => v!.GetType()).ToList();

        Assert.Contains(validators, v => v.Name == options.Name + "Validator");
        Assert.DoesNotContain(validators, v => v.IsGenericType && v.GetGenericTypeDefinition() == typeof(DataAnnotationValidateOptions<>));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(86_400, true)]
    [InlineData(86_401, false)]
    public void DeliveryLateAfter_FromFiveSecondsToADay(int seconds, bool valid)
    {
        var result = new SlaTimers.Worker.Hosting.DeliveryOptionsValidator().Validate(null, new DeliveryOptions { LateAfter = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains(nameof(DeliveryOptions.LateAfter), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOptionsTypeWithATimeSpanRange_HasAGeneratedValidator()
    {
        var assemblies = new[] { typeof(TimerOptions).Assembly, typeof(PickupOptions).Assembly };
        var validated = assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var ranged = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.GetProperties().Any(p => p.GetCustomAttributes<RangeAttribute>(inherit: true).Any(r => r.OperandType == typeof(TimeSpan))))
            .ToList();

        Assert.NotEmpty(ranged);
        Assert.All(ranged, t => Assert.Contains(t, validated));
    }
}
