using Microsoft.Extensions.DependencyInjection;

namespace SlaTimers.Notifications.Tests.Support;

internal static class Http
{
    public static IHttpClientFactory Factory { get; } = new ServiceCollection().AddHttpClient().BuildServiceProvider()
        .GetRequiredService<IHttpClientFactory>();
}
