using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace SlaTimers.Storage.Tests.Support;

/// <summary>
/// A deep, structural picture of domain objects (every public property, nested), for comparing what went in
/// with what came out: records holding immutable arrays do not compare by content.
/// </summary>
internal static class Snapshot
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static string Of(object? value) => JsonSerializer.Serialize(value, Options);
}
