using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Sync;

/// <summary>
/// One configured helpdesk, read incrementally: the tickets changed since a cursor, one page at a time.
/// The cursor is opaque to everyone but the source; it is stored with the page, so it never moves past
/// data that was not stored.
/// </summary>
public interface ITicketSource
{
    /// <summary>The configured helpdesk name, e.g. "zendesk-main"; it is <see cref="Ticket.Source"/>.</summary>
    string Name { get; }

    /// <param name="cursor">Null on the very first read.</param>
    /// <exception cref="HelpdeskRateLimitedException">The helpdesk asked to wait.</exception>
    /// <exception cref="HelpdeskAuthenticationException">The credentials were refused.</exception>
    Task<TicketPage> ReadChangesAsync(string? cursor, CancellationToken cancellationToken);
}

/// <summary>
/// A page of changed tickets, each with the timeline events the source knows of (events already stored are
/// merged by id), the tickets that could not be mapped, and where the next read starts.
/// </summary>
public sealed record TicketPage(
    ImmutableArray<Ticket> Tickets,
    ImmutableArray<RejectedTicket> Rejected,
    string? NextCursor,
    bool EndOfStream);

/// <summary>A ticket that could not be mapped: quarantined with its reason and raw payload, never silently dropped.</summary>
public sealed record RejectedTicket(string Source, string? ExternalId, string Reason, string RawPayload);

/// <summary>The helpdesk answered 429: try again after <see cref="RetryAfter"/>.</summary>
public sealed class HelpdeskRateLimitedException(string source, Duration retryAfter)
    : Exception($"Helpdesk '{source}' is rate limiting; retry after {retryAfter.TotalSeconds:0} s.")
{
    public Duration RetryAfter { get; } = retryAfter;
}

/// <summary>The helpdesk refused the credentials (401/403): retrying soon will not help.</summary>
public sealed class HelpdeskAuthenticationException(string source, string detail)
    : Exception($"Helpdesk '{source}' refused the credentials: {detail}");
