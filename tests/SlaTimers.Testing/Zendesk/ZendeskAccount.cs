using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace SlaTimers.Testing.Zendesk;

/// <summary>
/// The data of a simulated Zendesk account, in the shapes the connector reads (helpdesk-apis.md §1.2, §1.3): the
/// incremental cursor export lists each ticket once, at its latest change, <see cref="PageSize"/> at most per page;
/// a ticket added or changed later is appended to the change log, so the next export from the stored cursor brings
/// it (as Zendesk's does). Audits are one page per ticket. Thread-safe: tests add tickets while the worker reads.
/// <para>
/// What the stub serves is rendered once and kept as UTF-8 bytes (<see cref="AuditsJson"/>, <see cref="ExportPageJson"/>):
/// a ticket's audits page until that ticket is put again, export pages until the account changes at all. A load run
/// renders everything ahead (<see cref="Prerender"/>), so that serving a request costs the driver next to nothing.
/// The bytes are those <see cref="WriteAudits"/> and <see cref="WriteExportPage"/> write.
/// </para>
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

    // Rendered bodies, under _gate. An audits page is the one of the ticket version it was rendered from (a ticket put
    // again drops it); export pages, by start position and page size, hold while _version (every change) stands.
    private readonly Dictionary<long, (StubTicket Version, byte[] Body)> _auditsJson = [];
    private readonly Dictionary<(int Position, int PerPage), byte[]> _pagesJson = [];
    private long _version;

    public ZendeskAccount()
    {
        foreach (var user in StubUsers.Everyone) AddUser(user);
    }

    /// <summary>The credentials the account accepts (HTTP Basic <c>{email}/token:{token}</c>); anything else gets 401.</summary>
    public string Email { get; init; } = "agent@example.com";

    public string ApiToken { get; init; } = "s3cr3t-token";

    /// <summary>
    /// The history of a ticket that has no <see cref="StubTicket.Audits"/> (default: the creating audit only). A function
    /// of the ticket alone: its audits page is rendered once per version of the ticket (<see cref="Put(IEnumerable{StubTicket})"/>).
    /// </summary>
    public Func<StubTicket, IReadOnlyList<StubAudit>> Story { get; init; } = ticket => [StubAudits.Creation(ticket)];

    public int TicketCount
    {
        get { lock (_gate) return _tickets.Count; }
    }

    public void AddGroup(long id, string name)
    {
        lock (_gate)
        {
            _groups[id] = name;
            Changed();
        }
    }

    public void AddOrganization(long id, string name)
    {
        lock (_gate)
        {
            _organizations[id] = name;
            Changed();
        }
    }

    public void AddUser(StubUser user)
    {
        lock (_gate)
        {
            _users[user.Id] = user;
            Changed();
        }
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
                _auditsJson.Remove(ticket.Id);
            }
            Changed();
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
        ExportPage page;
        lock (_gate) page = Page(Start(cursor, startTime), perPage);
        Write(json, page);
    }

    /// <summary>
    /// The export page <see cref="WriteExportPage"/> writes, as UTF-8 JSON: rendered on first request and kept while
    /// the account does not change.
    /// </summary>
    public byte[] ExportPageJson(string? cursor, long? startTime, int perPage)
    {
        ExportPage page;
        lock (_gate)
        {
            var start = Start(cursor, startTime);
            if (_pagesJson.TryGetValue((start, perPage), out var kept)) return kept;
            page = Page(start, perPage);
        }
        return Keep(page, Render(json => Write(json, page)));
    }

    /// <summary>
    /// Renders ahead what a backfill reads: every ticket's audits page and the export pages of
    /// <paramref name="perPage"/> from the start of the change log, on all cores. Their bytes stay until the account
    /// changes (a changed ticket's audits, every export page).
    /// </summary>
    /// <returns>How many bytes the rendered bodies take.</returns>
    public long Prerender(int perPage)
    {
        long[] ids;
        lock (_gate) ids = [.. _tickets.Keys];
        long bytes = 0;
        Parallel.ForEach(ids, () => 0L, (id, _, sum) => sum + (AuditsJson(id)?.Length ?? 0), sum => Interlocked.Add(ref bytes, sum));
        for (var start = 0; ;)
        {
            ExportPage page;
            lock (_gate) page = Page(start, perPage);
            bytes += Keep(page, Render(json => Write(json, page))).Length;
            if (page.End) return bytes;
            start = page.Next;
        }
    }

    private byte[] Keep(ExportPage page, byte[] body)
    {
        lock (_gate)
        {
            if (page.Version == _version) _pagesJson[(page.Start, page.PerPage)] = body; // else the account changed meanwhile
        }
        return body;
    }

    private void Changed()
    {
        _version++;
        _pagesJson.Clear();
    }

    private int Start(string? cursor, long? startTime) =>
        cursor is not null ? ParseCursor(cursor) : FirstAtOrAfter(Instant.FromUnixTimeSeconds(startTime ?? 0));

    /// <summary>What the page from <paramref name="start"/> shows; under <see cref="_gate"/>.</summary>
    private ExportPage Page(int start, int perPage)
    {
        List<StubTicket> tickets = [];
        var position = start;
        for (; position < _log.Count && tickets.Count < perPage; position++)
        {
            var (ticket, latest) = _tickets[_log[position]];
            if (latest == position) tickets.Add(ticket); // listed once, at its latest change
        }
        var referenced = tickets.SelectMany(t => (long?[])[t.RequesterId, t.AssigneeId]).OfType<long>().ToHashSet();
        return new ExportPage(
            _version,
            start,
            perPage,
            tickets,
            position,
            position >= _log.Count,
            new Dictionary<long, string>(_groups),
            new Dictionary<long, string>(_organizations),
            [.. referenced.Select(id => _users.GetValueOrDefault(id)).OfType<StubUser>()]);
    }

    private static void Write(Utf8JsonWriter json, ExportPage page)
    {
        json.WriteStartObject();
        json.WriteStartArray("tickets");
        foreach (var ticket in page.Tickets) WriteTicket(json, ticket);
        json.WriteEndArray();
        json.WriteString("after_cursor", CursorPrefix + page.Next.ToString(CultureInfo.InvariantCulture));
        json.WriteNull("before_cursor");
        json.WriteBoolean("end_of_stream", page.End);
        WriteNamed(json, "groups", page.Groups);
        WriteNamed(json, "organizations", page.Organizations);
        json.WriteStartArray("users");
        foreach (var user in page.Users) WriteUser(json, user);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private sealed record ExportPage(
        long Version,
        int Start,
        int PerPage,
        List<StubTicket> Tickets,
        int Next,
        bool End,
        Dictionary<long, string> Groups,
        Dictionary<long, string> Organizations,
        List<StubUser> Users);

    /// <returns>False when the account has no such ticket (Zendesk answers 404).</returns>
    public bool WriteAudits(Utf8JsonWriter json, long ticketId)
    {
        var ticket = Get(ticketId);
        if (ticket is null) return false;
        WriteAudits(json, ticket);
        return true;
    }

    /// <summary>
    /// The audits page <see cref="WriteAudits(Utf8JsonWriter, long)"/> writes, as UTF-8 JSON: rendered once per version
    /// of the ticket (until it is put again). Null when the account has no such ticket.
    /// </summary>
    public byte[]? AuditsJson(long ticketId)
    {
        StubTicket? ticket;
        lock (_gate)
        {
            if (!_tickets.TryGetValue(ticketId, out var entry)) return null;
            ticket = entry.Ticket;
            if (_auditsJson.TryGetValue(ticketId, out var kept) && ReferenceEquals(kept.Version, ticket)) return kept.Body;
        }
        var body = Render(json => WriteAudits(json, ticket));
        lock (_gate)
        {
            // Kept only while the ticket is still this version: one put meanwhile is served fresh next time.
            if (_tickets.TryGetValue(ticketId, out var entry) && ReferenceEquals(entry.Ticket, ticket)) _auditsJson[ticketId] = (ticket, body);
        }
        return body;
    }

    private void WriteAudits(Utf8JsonWriter json, StubTicket ticket)
    {
        var ticketId = ticket.Id;
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

    /// <summary>What <paramref name="write"/> writes, as UTF-8 JSON (the writer's defaults, as the stub's response writer has).</summary>
    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        var body = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1024 * 1024) t_buffer = null; // an export page: not kept per thread
        return body;
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

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
