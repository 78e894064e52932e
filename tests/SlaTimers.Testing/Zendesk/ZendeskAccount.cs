using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace SlaTimers.Testing.Zendesk;

/// <summary>
/// The data of a simulated Zendesk account, in the shapes the connector reads (helpdesk-apis.md §1.2, §1.3): the
/// incremental cursor export lists each ticket once, at its latest change, <see cref="PageSize"/> at most per page;
/// a ticket added or changed later is appended to the change log, so the next export from the stored cursor brings
/// it (as Zendesk's does). Audits are one page per ticket. Thread-safe: tests add tickets while the worker reads.
/// </summary>
public sealed class ZendeskAccount
{
    private const string CursorPrefix = "c";

    private readonly object _gate = new();
    private readonly List<long> _log = [];
    private readonly Dictionary<long, (StubTicket Ticket, int Position)> _tickets = [];
    private readonly Dictionary<long, string> _groups = [];
    private readonly Dictionary<long, string> _organizations = [];
    private readonly Dictionary<long, StubUser> _users = [];

    public ZendeskAccount()
    {
        foreach (var user in StubUsers.Everyone) AddUser(user);
    }

    /// <summary>The credentials the account accepts (HTTP Basic <c>{email}/token:{token}</c>); anything else gets 401.</summary>
    public string Email { get; init; } = "agent@example.com";

    public string ApiToken { get; init; } = "s3cr3t-token";

    /// <summary>The history of a ticket that has no <see cref="StubTicket.Audits"/> (default: the creating audit only).</summary>
    public Func<StubTicket, IReadOnlyList<StubAudit>> Story { get; init; } = ticket => [StubAudits.Creation(ticket)];

    public int TicketCount
    {
        get { lock (_gate) return _tickets.Count; }
    }

    public void AddGroup(long id, string name)
    {
        lock (_gate) _groups[id] = name;
    }

    public void AddOrganization(long id, string name)
    {
        lock (_gate) _organizations[id] = name;
    }

    public void AddUser(StubUser user)
    {
        lock (_gate) _users[user.Id] = user;
    }

    /// <summary>Adds tickets, or replaces them with a newer version: either way they come with the next export page.</summary>
    public void Put(IEnumerable<StubTicket> tickets)
    {
        lock (_gate)
        {
            foreach (var ticket in tickets)
            {
                _log.Add(ticket.Id);
                _tickets[ticket.Id] = (ticket, _log.Count - 1);
            }
        }
    }

    public void Put(params StubTicket[] tickets) => Put((IEnumerable<StubTicket>)tickets);

    public StubTicket? Get(long id)
    {
        lock (_gate) return _tickets.TryGetValue(id, out var entry) ? entry.Ticket : null;
    }

    /// <summary>
    /// One export page: from <paramref name="cursor"/> (<c>c{position}</c>) or else from the first change at or after
    /// <paramref name="startTime"/>; <paramref name="perPage"/> tickets at most.
    /// </summary>
    public void WriteExportPage(Utf8JsonWriter json, string? cursor, long? startTime, int perPage)
    {
        List<StubTicket> page = [];
        int next;
        bool end;
        Dictionary<long, string> groups, organizations;
        List<StubUser> users;
        lock (_gate)
        {
            var position = cursor is not null ? ParseCursor(cursor) : FirstAtOrAfter(Instant.FromUnixTimeSeconds(startTime ?? 0));
            for (; position < _log.Count && page.Count < perPage; position++)
            {
                var (ticket, latest) = _tickets[_log[position]];
                if (latest == position) page.Add(ticket); // listed once, at its latest change
            }
            next = position;
            end = position >= _log.Count;
            groups = new Dictionary<long, string>(_groups);
            organizations = new Dictionary<long, string>(_organizations);
            var referenced = page.SelectMany(t => (long?[])[t.RequesterId, t.AssigneeId]).OfType<long>().ToHashSet();
            users = [.. referenced.Select(id => _users.GetValueOrDefault(id)).OfType<StubUser>()];
        }

        json.WriteStartObject();
        json.WriteStartArray("tickets");
        foreach (var ticket in page) WriteTicket(json, ticket);
        json.WriteEndArray();
        json.WriteString("after_cursor", CursorPrefix + next.ToString(CultureInfo.InvariantCulture));
        json.WriteNull("before_cursor");
        json.WriteBoolean("end_of_stream", end);
        WriteNamed(json, "groups", groups);
        WriteNamed(json, "organizations", organizations);
        json.WriteStartArray("users");
        foreach (var user in users) WriteUser(json, user);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <returns>False when the account has no such ticket (Zendesk answers 404).</returns>
    public bool WriteAudits(Utf8JsonWriter json, long ticketId)
    {
        var ticket = Get(ticketId);
        if (ticket is null) return false;
        var audits = ticket.Audits ?? Story(ticket);
        json.WriteStartObject();
        json.WriteStartArray("audits");
        foreach (var audit in audits)
        {
            json.WriteStartObject();
            json.WriteNumber("id", audit.Id);
            json.WriteNumber("ticket_id", ticketId);
            WriteTimestamp(json, "created_at", audit.At);
            json.WriteNumber("author_id", audit.AuthorId);
            json.WriteStartObject("via");
            json.WriteString("channel", "web");
            json.WriteEndObject();
            json.WriteStartArray("events");
            foreach (var e in audit.Events) WriteEvent(json, e);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("users");
        json.WriteEndArray();
        json.WriteStartObject("meta");
        json.WriteBoolean("has_more", false);
        json.WriteNull("after_cursor");
        json.WriteEndObject();
        json.WriteEndObject();
        return true;
    }

    public void WriteGroups(Utf8JsonWriter json)
    {
        Dictionary<long, string> groups;
        lock (_gate) groups = new Dictionary<long, string>(_groups);
        json.WriteStartObject();
        WriteNamed(json, "groups", groups);
        json.WriteStartObject("meta");
        json.WriteBoolean("has_more", false);
        json.WriteNull("after_cursor");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public void WriteOrganizations(Utf8JsonWriter json, IEnumerable<long> ids)
    {
        Dictionary<long, string> organizations;
        lock (_gate) organizations = ids.Where(_organizations.ContainsKey).ToDictionary(id => id, id => _organizations[id]);
        json.WriteStartObject();
        WriteNamed(json, "organizations", organizations);
        json.WriteEndObject();
    }

    private int FirstAtOrAfter(Instant start)
    {
        for (var position = 0; position < _log.Count; position++)
        {
            if (_tickets[_log[position]].Ticket.LastUpdate >= start) return position;
        }
        return _log.Count;
    }

    private static int ParseCursor(string cursor) =>
        cursor.StartsWith(CursorPrefix, StringComparison.Ordinal) && int.TryParse(cursor.AsSpan(CursorPrefix.Length), CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new FormatException($"'{cursor}' is not a cursor of this stub");

    private static void WriteTicket(Utf8JsonWriter json, StubTicket ticket)
    {
        json.WriteStartObject();
        json.WriteNumber("id", ticket.Id);
        json.WriteString("url", $"https://example.zendesk.com/api/v2/tickets/{ticket.Id}.json");
        WriteTimestamp(json, "created_at", ticket.Created);
        WriteTimestamp(json, "updated_at", ticket.LastUpdate);
        json.WriteNumber("generated_timestamp", ticket.LastUpdate.ToUnixTimeSeconds());
        json.WriteString("status", ticket.Status);
        WriteStringOrNull(json, "priority", ticket.Priority);
        json.WriteString("type", ticket.Type);
        WriteIdOrNull(json, "assignee_id", ticket.AssigneeId);
        WriteIdOrNull(json, "group_id", ticket.GroupId);
        WriteIdOrNull(json, "organization_id", ticket.OrganizationId);
        json.WriteNumber("requester_id", ticket.RequesterId);
        json.WriteNumber("submitter_id", ticket.RequesterId);
        json.WriteStartArray("tags");
        foreach (var tag in ticket.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteStartArray("custom_fields");
        json.WriteEndArray();
        json.WriteNull("due_at");
        json.WriteString("subject", ticket.Subject);
        json.WriteStartObject("via");
        json.WriteString("channel", ticket.Channel);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, StubEvent e)
    {
        json.WriteStartObject();
        json.WriteNumber("id", e.Id);
        json.WriteString("type", e.Type);
        if (e.Type == "Comment")
        {
            json.WriteNumber("author_id", e.AuthorId ?? 0);
            json.WriteBoolean("public", e.Public);
            json.WriteString("body", "…");
        }
        else
        {
            json.WriteString("field_name", e.Field);
            json.WritePropertyName("value");
            switch (e.Value)
            {
                case null: json.WriteNullValue(); break;
                case string text: json.WriteStringValue(text); break;
                case long number: json.WriteNumberValue(number); break;
                case IEnumerable<string> tags:
                    json.WriteStartArray();
                    foreach (var tag in tags) json.WriteStringValue(tag);
                    json.WriteEndArray();
                    break;
                default: throw new ArgumentException($"event {e.Id}: a value of type {e.Value.GetType().Name} cannot be written");
            }
        }
        json.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter json, StubUser user)
    {
        json.WriteStartObject();
        json.WriteNumber("id", user.Id);
        json.WriteString("name", user.Name);
        json.WriteString("email", user.Email);
        json.WriteString("role", user.Role);
        json.WriteEndObject();
    }

    private static void WriteNamed(Utf8JsonWriter json, string property, Dictionary<long, string> items)
    {
        json.WriteStartArray(property);
        foreach (var (id, name) in items)
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteString("name", name);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Zendesk's timestamps: whole seconds in UTC, <c>2026-03-02T09:05:00Z</c> (System.Text.Json writes a UTC
    /// <see cref="DateTime"/> without fraction so; many times cheaper than a NodaTime pattern, for load).
    /// </summary>
    private static void WriteTimestamp(Utf8JsonWriter json, string property, Instant at) =>
        json.WriteString(property, DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(at.ToUnixTimeSeconds()), DateTimeKind.Utc));

    private static void WriteStringOrNull(Utf8JsonWriter json, string property, string? value)
    {
        if (value is null) json.WriteNull(property);
        else json.WriteString(property, value);
    }

    private static void WriteIdOrNull(Utf8JsonWriter json, string property, long? value)
    {
        if (value is { } id) json.WriteNumber(property, id);
        else json.WriteNull(property);
    }
}
