using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace SlaTimers.Worker.Hosting;

public static class ClockHostingExtensions
{
    /// <summary>
    /// Registers the one clock everything reads. The composition root (Program) passes the system clock;
    /// tests pass a fake one.
    /// </summary>
    public static IHostApplicationBuilder AddClock(this IHostApplicationBuilder builder, IClock clock)
    {
        builder.Services.AddSingleton(clock);
        return builder;
    }
}
