using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Sync;

/// <summary>
/// Turns a page read from a helpdesk into what is stored: each ticket's timeline merged with the stored one and
/// its clocks evaluated with the current rules. A ticket that fails (a timeline the evaluator cannot replay, a
/// bug) is quarantined with the reason; it never stops the rest of the page.
/// </summary>
public static class SyncPageBuilder
{
    private static readonly JsonSerializerOptions PayloadJson = new JsonSerializerOptions
    {
        Converters = { new JsonStringEnumConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    /// <param name="stored">The stored records of the page's tickets (missing: a new ticket).</param>
    /// <param name="onRejected">Told of each ticket quarantined here, to log it.</param>
    public static SyncPageWrite Build(
        string source,
        TicketPage page,
        IReadOnlyDictionary<TicketKey, TicketRecord> stored,
        SlaRules rules,
        Instant now,
        Action<RejectedTicket, Exception>? onRejected = null)
    {
        // Keyed by ticket, in page order: a ticket listed twice on one page is merged into one record.
        var records = new Dictionary<TicketKey, TicketRecord>();
        var order = new List<TicketKey>();
        var rejected = ImmutableArray.CreateBuilder<RejectedTicket>();
        rejected.AddRange(page.Rejected);

        foreach (var ticket in page.Tickets)
        {
            try
            {
                if (!string.Equals(ticket.Source, source, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"the ticket says it comes from '{ticket.Source}', not from the helpdesk '{source}'");
                }
                var key = TicketKey.Of(ticket);
                var before = records.GetValueOrDefault(key) ?? stored.GetValueOrDefault(key);
                var union = before is null ? ticket : ticket with { Timeline = TimelineMerge.Union(before.Ticket.Timeline, ticket.Timeline) };
                // Stored in canonical order, so every later evaluation (timers, reloads) skips the sort.
                var merged = union with { Timeline = TimelineReplay.Normalize(union) };
                var record = TicketEvaluation.Evaluate(merged, before?.FirstSeen ?? now, rules, now, fireForDueNow: true);
                if (records.TryAdd(key, record)) order.Add(key);
                else records[key] = record;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var reason = $"{e.GetType().Name}: {e.Message}";
                var quarantined = new RejectedTicket(source, ticket.ExternalId, reason, Payload(ticket));
                rejected.Add(quarantined);
                onRejected?.Invoke(quarantined, e);
            }
        }
        return new SyncPageWrite(source, page.NextCursor, now, [.. order.Select(k => records[k])], rejected.ToImmutable());
    }

    /// <summary>The ticket as JSON, for the quarantine; never throws (the payload is evidence, not data).</summary>
    internal static string Payload(Ticket ticket)
    {
        try
        {
            return JsonSerializer.Serialize(ticket, PayloadJson);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return $"{{\"source\":{JsonSerializer.Serialize(ticket.Source)},\"externalId\":{JsonSerializer.Serialize(ticket.ExternalId)},\"unserializable\":{JsonSerializer.Serialize(e.Message)}}}";
        }
    }
}
