using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Storage.Serialization;

/// <summary>One element of the <c>timeline</c> column.</summary>
internal sealed record EventDocument(
    Instant At,
    TicketEventKind Kind,
    string? Id,
    string? Field,
    string? Value,
    StatusCategory? Status,
    string? StatusName,
    SortedDictionary<string, string>? Fields)
{
    /// <summary>The document of an event: the stored form's definition, which <see cref="DocumentWriter"/> is tested against.</summary>
    public static EventDocument From(TicketEvent e) => new(
        e.At,
        e.Kind,
        e.Id,
        e.Field,
        e.Value,
        e.Status,
        e.StatusName,
        e.Fields is null ? null : new SortedDictionary<string, string>(e.Fields, StringComparer.Ordinal));

    public TicketEvent ToEvent() => new()
    {
        At = At,
        Kind = Kind,
        Id = Id,
        Field = Field,
        Value = Value,
        Status = Status,
        StatusName = StatusName,
        Fields = Fields?.ToImmutableDictionary(),
    };

    /// <summary>The column's text, written by hand (<see cref="DocumentWriter"/>): what the serializer writes for these documents.</summary>
    public static string Serialize(IEnumerable<TicketEvent> timeline) => DocumentWriter.Timeline(timeline);

    public static ImmutableArray<TicketEvent> Deserialize(string json) =>
        [.. StorageJson.Deserialize<EventDocument[]>(json, "timeline").Select(d => d.ToEvent())];
}
