using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using NodaTime;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// Reads a Zendesk account page by page: the incremental cursor export (which tickets changed, their current
/// fields, sideloaded names and metrics), then each changed ticket's audits for its complete timeline.
/// Why audits rather than the incremental ticket-events stream: one page is then self-contained — every ticket
/// comes with its whole history from creation (also tickets first seen mid-life, also when the first sync starts
/// after they were created), with Zendesk's own stable event ids, under the one cursor the export gives. The
/// events stream is a second time-based cursor that would have to be kept in step with the ticket export, and
/// it lacks the history before the start time. The cost — one audits request per changed ticket — falls under
/// the account's ordinary rate limit (hundreds a minute), not the 10-a-minute incremental limit, and is bounded
/// by <see cref="ZendeskOptions.PageSize"/>.
/// </summary>
internal sealed class ZendeskTicketSource(
    string name,
    ZendeskOptions options,
    IZendeskApi api,
    ZendeskDirectory directory,
    IClock clock) : ITicketSource
{
    /// <summary>Everything the tickets refer to, in the same request (helpdesk-apis.md §1.2: all ticket sideloads but last_audits).</summary>
    internal const string Sideloads = "metric_sets,groups,organizations,users,custom_statuses";

    private const int AuditPageSize = 100;
    private const int MaxAuditPages = 100;

    /// <summary>Zendesk leaves out the last minute of changes; a start time must lie before it.</summary>
    private static readonly Duration ExportDelay = Duration.FromMinutes(1);

    private static readonly Duration DefaultLookback = Duration.FromDays(30);

    private readonly ZendeskFieldMapper _map = new(name, options, directory);

    /// <summary>Where an agent opens a ticket, but for its id: the same for every ticket, so built once.</summary>
    private readonly string _linkPrefix = $"{options.BaseUrl!.TrimEnd('/')}/agent/tickets/";

    public string Name => name;

    public async Task<TicketPage> ReadChangesAsync(string? cursor, CancellationToken cancellationToken)
    {
        var position = cursor is null ? ZendeskCursor.FromStart(FirstStartTime()) : ZendeskCursor.Parse(name, cursor);
        const string what = "incremental ticket export";
        var response = await ZendeskResponses.SendAsync(name, what,
            () => api.ExportTicketsAsync(position.StartTime, position.AfterCursor, options.PageSize, Sideloads, cancellationToken));
        var page = ZendeskResponses.Content(name, what, response, clock);
        if (page.Tickets is null || page.EndOfStream is null)
        {
            var url = response.RequestMessage?.RequestUri?.ToString() ?? what;
            throw new HelpdeskResponseException(name, url, $"the {what} page has no 'tickets' or no 'end_of_stream'");
        }
        directory.Learn(page);

        var rejected = ImmutableArray.CreateBuilder<RejectedTicket>();
        var tickets = ReadTickets(page, rejected);
        var audits = await ReadAuditsAsync(tickets, rejected, cancellationToken);
        var (groupIds, organizationIds) = ReferencedIds(tickets, audits);
        await directory.ResolveAsync(api, clock, groupIds, organizationIds, cancellationToken);

        var mapped = ImmutableArray.CreateBuilder<Ticket>();
        foreach (var ticket in tickets)
        {
            if (!ticket.IsDeleted && !audits.ContainsKey(ticket.Id)) continue; // rejected while reading its audits
            if (Map(ticket, audits.GetValueOrDefault(ticket.Id), out var problem) is { } result) mapped.Add(result);
            else rejected.Add(new RejectedTicket(name, ticket.ExternalId, problem!, ticket.Raw));
        }

        var next = page.AfterCursor is { Length: > 0 } after ? ZendeskCursor.FromAfterCursor(after) : position;
        return new TicketPage(mapped.ToImmutable(), rejected.ToImmutable(), next.ToString(), page.EndOfStream.Value);
    }

    private long FirstStartTime()
    {
        var latest = clock.GetCurrentInstant() - ExportDelay;
        var start = options.StartTime is { } configured ? Instant.FromDateTimeOffset(configured) : latest - DefaultLookback;
        return Math.Min(start.ToUnixTimeSeconds(), latest.ToUnixTimeSeconds());
    }

    /// <summary>The page's tickets that can be read (the last copy of a ticket listed twice); the others are rejected.</summary>
    private List<ZendeskTicketData> ReadTickets(ZendeskTicketExportPage page, ImmutableArray<RejectedTicket>.Builder rejected)
    {
        var metrics = (page.MetricSets ?? []).Where(m => m.TicketId is not null).GroupBy(m => m.TicketId!.Value).ToDictionary(g => g.Key, g => g.Last());
        var byId = new Dictionary<long, ZendeskTicketData>();
        foreach (var json in page.Tickets!)
        {
            if (!ZendeskTicketData.TryRead(json, out var ticket, out var externalId, out var problem))
            {
                rejected.Add(new RejectedTicket(name, externalId, $"malformed ticket: {problem}", json.GetRawText()));
                continue;
            }
            byId.Remove(ticket!.Id);
            byId[ticket.Id] = ticket.MetricSet is null && metrics.TryGetValue(ticket.Id, out var metricSet) ? ticket with { MetricSet = metricSet } : ticket;
        }
        return [.. byId.Values];
    }

    /// <summary>Every audit of each ticket (deleted tickets have none: Zendesk answers 404 for them).</summary>
    private async Task<Dictionary<long, List<ZendeskAudit>>> ReadAuditsAsync(
        List<ZendeskTicketData> tickets, ImmutableArray<RejectedTicket>.Builder rejected, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<long, List<ZendeskAudit>>();
        var missing = new ConcurrentBag<ZendeskTicketData>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.AuditConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tickets.Where(t => !t.IsDeleted), parallel, async (ticket, ct) =>
        {
            if (await ReadAuditsAsync(ticket.Id, ct) is { } audits) result[ticket.Id] = audits;
            else missing.Add(ticket);
        });
        foreach (var ticket in missing.OrderBy(t => t.Id))
        {
            rejected.Add(new RejectedTicket(name, ticket.ExternalId,
                "Zendesk answered 404 for the ticket's audits (deleted since it was exported?); the next export brings its new state", ticket.Raw));
        }
        return new Dictionary<long, List<ZendeskAudit>>(result);
    }

    private async Task<List<ZendeskAudit>?> ReadAuditsAsync(long ticketId, CancellationToken cancellationToken)
    {
        var audits = new List<ZendeskAudit>();
        string? after = null;
        for (var pages = 0; pages < MaxAuditPages; pages++)
        {
            var response = await ZendeskResponses.SendAsync(name, "audit list",
                () => api.GetAuditsAsync(ticketId, AuditPageSize, after, "users", cancellationToken));
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            var page = ZendeskResponses.Content(name, "audit list", response, clock);
            if (page.Audits is null)
            {
                throw new HelpdeskResponseException(name, response.RequestMessage?.RequestUri?.ToString() ?? "audits", "the audit page has no 'audits'");
            }
            directory.Learn(page.Users);
            audits.AddRange(page.Audits);
            after = page.Meta is { HasMore: true, AfterCursor: { Length: > 0 } next } ? next : null;
            if (after is null) return audits;
        }
        throw new HelpdeskResponseException(name, $"/api/v2/tickets/{ticketId}/audits.json",
            $"ticket {ticketId} has more than {MaxAuditPages * AuditPageSize} audits; refusing to read an unbounded history");
    }

    private Ticket? Map(ZendeskTicketData ticket, List<ZendeskAudit>? audits, out string? problem)
    {
        problem = null;
        ImmutableArray<TicketEvent> timeline;
        TicketFields fields;
        if (ticket.IsDeleted)
        {
            // Deleted tickets keep no audits; what is left to say is that they are gone.
            fields = _map.Current(ticket, StatusCategory.Closed, ZendeskTicketData.DeletedStatus);
            timeline = [TicketEvent.Delete(ticket.UpdatedAt ?? ticket.CreatedAt, "deleted")];
        }
        else
        {
            if (_map.Status(ticket.Status, ticket.CustomStatusId, out problem) is not { } status) return null;
            if (ZendeskTimeline.Build(ticket, audits ?? [], _map, out problem) is not { } events) return null;
            fields = _map.Current(ticket, status.Category, status.Name);
            timeline = events;
        }
        var externalId = ticket.ExternalId;
        return new Ticket
        {
            Source = name,
            ExternalId = externalId,
            DisplayPrefix = options.DisplayPrefix,
            Created = ticket.CreatedAt,
            Subject = ticket.Subject,
            Requester = _map.Requester(ticket),
            Link = _linkPrefix + externalId,
            Fields = fields,
            Timeline = timeline,
        };
    }

    /// <summary>
    /// The group and organization ids the tickets and their audits mention — in any audit event with that
    /// <c>field_name</c> — in one pass over the events, which are a page's bulk (a dozen per ticket). The sets keep
    /// the order ids were first met in.
    /// </summary>
    private static (HashSet<long> Groups, HashSet<long> Organizations) ReferencedIds(
        List<ZendeskTicketData> tickets, Dictionary<long, List<ZendeskAudit>> audits)
    {
        var groups = new HashSet<long>();
        var organizations = new HashSet<long>();
        foreach (var ticket in tickets)
        {
            if (ticket.GroupId is { } group) groups.Add(group);
            if (ticket.OrganizationId is { } organization) organizations.Add(organization);
        }
        foreach (var list in audits.Values)
        {
            foreach (var audit in list)
            {
                if (audit.Events is not { } events) continue;
                foreach (var child in events)
                {
                    // Text returns a string field name as it was read: no string is made here.
                    var ids = ZendeskValues.Text(child.FieldName) switch
                    {
                        "group_id" => groups,
                        "organization_id" => organizations,
                        _ => null,
                    };
                    if (ids is not null && ZendeskValues.Id(child.Value) is { } id) ids.Add(id);
                }
            }
        }
        return (groups, organizations);
    }
}
