using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace SlaTimers.Storage.Serialization;

/// <summary>
/// The JSON of the document columns (ticket, timeline, checkpoints), the same on both engines: camelCase,
/// enums by name, instants as ISO-8601 UTC text, durations in NodaTime's round-trip pattern, nulls left out.
/// The documents (<see cref="TicketDocument"/>, <see cref="EventDocument"/>, <see cref="CheckpointDocument"/>)
/// are the stored format, so a refactoring of the domain types does not silently change stored data.
/// Serializers are source-generated (<see cref="StorageJsonContext"/>): a page serializes thousands of them.
/// </summary>
internal static class StorageJson
{
    public static StorageJsonContext Context { get; } = new(CreateOptions());

    public static JsonSerializerOptions Options => Context.Options;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Info<T>());

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize(json, Info<T>()) ?? throw new JsonException($"The stored {what} is JSON null.");

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> Info<T>() =>
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)(Context.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a stored document type."));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters =
            {
                new InstantJsonConverter(),
                NodaConverters.DurationConverter,
                new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            },
        };
        return options;
    }
}

[JsonSerializable(typeof(TicketDocument))]
[JsonSerializable(typeof(EventDocument[]))]
[JsonSerializable(typeof(CheckpointDocument[]))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
