using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Zendesk;

/// <summary>
/// A ticket's audits as timeline events. Each event's id is Zendesk's own — <c>{audit id}.{child event id}</c>
/// (<c>{audit id}.status</c> for an audit's status change) — so the same audit read again adds nothing. The
/// creating audit gives the Created event with the initial field values; its comment is the request itself,
/// not a message. Public comments are agent replies, or customer messages when written by the requester or an
/// end-user. A merged ticket (closed with <c>closed_by_merge</c>) gets a Merged event where the tag arrived.
/// When the audits show no public agent reply but the ticket metrics do, the first reply comes from
/// <c>reply_time_in_minutes</c> (id <c>metrics.first-reply</c>).
/// </summary>
internal static class ZendeskTimeline
{
    private static readonly HashSet<string> CommentTypes = new(["Comment", "VoiceComment"], StringComparer.OrdinalIgnoreCase);

    public static ImmutableArray<TicketEvent>? Build(ZendeskTicketData ticket, IReadOnlyList<ZendeskAudit> audits, ZendeskFieldMapper map, out string? problem)
    {
        problem = null;
        var events = new List<TicketEvent>();
        var ordered = new List<(Instant At, ZendeskAudit Audit)>();
        foreach (var audit in audits)
        {
            if (!ZendeskValues.TryParseTimestamp(audit.CreatedAt, out var at))
            {
                problem = $"audit {audit.Id} has no valid 'created_at' ('{audit.CreatedAt}')";
                return null;
            }
            ordered.Add((at, audit));
        }
        ordered.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Audit.Id.CompareTo(b.Audit.Id));

        string? status = null;
        long? customStatus = null;
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var created = false;
        (Instant At, long AuditId)? merged = null;

        foreach (var (at, audit) in ordered)
        {
            var children = audit.Events ?? [];
            var isCreate = !created && children.Exists(e => Is(e, "Create"));
            var statusChanged = false;
            var isMerge = false;
            // Only the creating audit has initial values; the others (nearly all) need no dictionary.
            var initial = isCreate ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
            if (initial is not null && (ZendeskValues.Text(audit.Via?.Channel) ?? ticket.Channel) is { } channel) initial[TicketFieldNames.Channel] = channel;

            for (var index = 0; index < children.Count; index++)
            {
                var child = children[index];
                var fieldName = ZendeskValues.Text(child.FieldName) ?? "";
                if (Is(child, "Create") || Is(child, "Change"))
                {
                    switch (fieldName)
                    {
                        case "status":
                            status = ZendeskValues.Text(child.Value);
                            statusChanged = true;
                            continue;
                        case "custom_status_id":
                            customStatus = ZendeskValues.Id(child.Value);
                            statusChanged = true;
                            continue;
                        case "tags":
                            var next = ZendeskValues.Tags(child.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
                            if (next.Contains(ZendeskTicketData.MergedTag) && !tags.Contains(ZendeskTicketData.MergedTag))
                            {
                                isMerge = true;
                                merged ??= (at, audit.Id);
                            }
                            tags = next;
                            break;
                    }
                    if (map.AuditField(fieldName, child.Value) is not { } field) continue;
                    if (initial is not null && Is(child, "Create"))
                    {
                        if (field.Value is not null) initial[field.Field] = field.Value;
                    }
                    else
                    {
                        events.Add(TicketEvent.FieldChange(at, field.Field, field.Value, EventId(audit, child, index)));
                    }
                }
            }

            // Comments after the fields: the merge audit's comment is the system's note, not a reply.
            if (!isCreate && !isMerge)
            {
                for (var index = 0; index < children.Count; index++)
                {
                    var child = children[index];
                    if (child.Type is not { } type || !CommentTypes.Contains(type) || child.Public != true) continue;
                    var id = EventId(audit, child, index);
                    events.Add(map.IsCustomer(child.AuthorId ?? audit.AuthorId, ticket) ? TicketEvent.CustomerWrote(at, id) : TicketEvent.Reply(at, id));
                }
            }

            if (isCreate)
            {
                created = true;
                if (map.Status(status ?? "new", customStatus, out problem) is not { } first) return null;
                events.Add(TicketEvent.Created(ticket.CreatedAt, first.Category, initial, $"{audit.Id}.created") with { StatusName = first.Name });
            }
            else if (statusChanged && status is not null)
            {
                if (map.Status(status, customStatus, out problem) is not { } next) return null;
                events.Add(TicketEvent.StatusChange(at, next.Category, next.Name, $"{audit.Id}.status"));
            }
        }

        if (map.Status(ticket.Status, ticket.CustomStatusId, out problem) is not { } current) return null;
        if (!created)
        {
            // No creating audit (archived history): start from what the ticket is now.
            events.Add(TicketEvent.Created(ticket.CreatedAt, current.Category, id: "created") with { StatusName = current.Name });
        }
        if (ticket.IsMerged)
        {
            var at = merged?.At ?? ticket.UpdatedAt ?? ticket.CreatedAt;
            events.Add(TicketEvent.Merge(at, merged is { } m ? $"{m.AuditId}.merged" : "merged"));
        }
        if (!events.Exists(e => e.Kind == TicketEventKind.AgentReply) && FirstReplyFromMetrics(ticket) is { } firstReply)
        {
            events.Add(TicketEvent.Reply(firstReply, "metrics.first-reply"));
        }
        return [.. events];
    }

    /// <summary>The first reply as ticket metrics measured it: created + reply time (calendar), if any.</summary>
    public static Instant? FirstReplyFromMetrics(ZendeskTicketData ticket)
    {
        if (ticket.MetricSet is not { } metrics) return null;
        if (metrics.ReplyTimeInSeconds?.Calendar is { } seconds) return ticket.CreatedAt + Duration.FromSeconds(seconds);
        if (metrics.ReplyTimeInMinutes?.Calendar is { } minutes) return ticket.CreatedAt + Duration.FromMinutes(minutes);
        return null;
    }

    /// <summary>Zendesk's own id of a child event, <c>{audit id}.{child event id}</c> (its place when it has no id); made only for events that become one.</summary>
    private static string EventId(ZendeskAudit audit, ZendeskAuditEvent child, int index) =>
        $"{audit.Id}.{(child.Id ?? index).ToString(CultureInfo.InvariantCulture)}";

    private static bool Is(ZendeskAuditEvent e, string type) => string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase);
}
