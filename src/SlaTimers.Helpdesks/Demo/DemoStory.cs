using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>
/// The demo helpdesk's story: a pure function of (options, anchor). It opens with a few tickets that are already
/// in progress — created up to 3 h 50 min before the anchor — timed so that checkpoints of the shipped
/// agreements come due within two minutes (see <see cref="Opening"/>). Then, every <see cref="DemoOptions.Pace"/>,
/// one thing happens: a new ticket, or a change to one in play (a reply, a customer message, pending, on-hold,
/// a priority change, a reassignment, a solve, a close, now and then a reopen).
/// </summary>
internal sealed class DemoStory
{
    private readonly DemoOptions _options;
    private readonly Instant _anchor;
    private readonly Duration _pace;
    private readonly DemoRandom _random;
    private readonly List<DemoTicket> _opening = [];
    private readonly List<DemoTicket> _inPlay = [];
    private int _nextNumber = 1001;

    public DemoStory(DemoOptions options, Instant anchor)
    {
        _options = options;
        _anchor = anchor;
        _pace = Duration.FromTimeSpan(options.Pace);
        _random = new DemoRandom(options.Seed);
        Opening();
    }

    /// <summary>
    /// Plays the story up to <paramref name="until"/> and returns the tickets that changed in
    /// (<paramref name="after"/>, <paramref name="until"/>]: at most <paramref name="pageSize"/> of them (the opening
    /// tickets always come together); when more changed, <c>Reached</c> is the last instant fully covered.
    /// </summary>
    public (IReadOnlyList<DemoTicket> Changed, Instant Reached) Run(Instant after, Instant until, int pageSize)
    {
        var changed = new List<DemoTicket>();
        var seen = new HashSet<DemoTicket>();
        if (after < _anchor && _anchor <= until)
        {
            changed.AddRange(_opening);
            seen.UnionWith(_opening);
        }
        for (long step = 1; ; step++)
        {
            var at = _anchor + _pace * step;
            if (at > until) return (changed, until);
            var ticket = Step(step, at);
            if (ticket is null || at <= after || seen.Contains(ticket)) continue;
            // This step touched only the new ticket: the others are as they were one step ago.
            if (changed.Count >= pageSize && changed.Count > 0) return (changed, at - _pace);
            changed.Add(ticket);
            seen.Add(ticket);
        }
    }

    /// <summary>
    /// Tickets already under way when the story begins (A = the anchor). With the shipped agreements:
    /// 1 — major incident, no response after 6:30: first-response 50 % warning (24x7, 15 min) at A+1 min;
    /// 2 — major incident, last update 49 min ago: periodic-update "10m before" warning at A+1 min;
    /// 3 — major incident created 3 h 50 min ago: resolution breach (4 h, 24x7) at A+10 min;
    /// 4 — major incident created 2 h 59 min ago: resolution 75 % warning at A+1 min;
    /// 5 — P2 without response for 44 min: first-response 75 % warning at A+1 min (inside servicedesk hours);
    /// 6–8 — a ticket at the second line (OLA), a pending one and one on hold at a supplier (paused clocks).
    /// The story leaves 1–5 alone for their first 16 minutes, so those checkpoints really arrive.
    /// </summary>
    private void Opening()
    {
        var quiet = _anchor + Duration.FromMinutes(16);
        var agent = DemoTexts.AgentsOf(DemoTexts.Servicedesk)[0];

        Open(1, Duration.FromSeconds(6 * 60 + 30), "P1", major: true, DemoTexts.Servicedesk, quiet);

        var t2 = Open(2, Duration.FromMinutes(140), "P1", major: true, DemoTexts.Servicedesk, quiet);
        Respond(t2, 2, t2.Created + Duration.FromMinutes(6), agent);
        Update(t2, 2, 140 - 49);

        var t3 = Open(3, Duration.FromMinutes(230), "P1", major: true, DemoTexts.Servicedesk, quiet);
        Respond(t3, 3, t3.Created + Duration.FromMinutes(9), agent);
        foreach (var minutes in new[] { 59, 109, 159, 209 }) Update(t3, 3, minutes);

        var t4 = Open(4, Duration.FromMinutes(179), "P1", major: true, DemoTexts.Servicedesk, quiet);
        Respond(t4, 4, t4.Created + Duration.FromMinutes(5), agent);
        foreach (var minutes in new[] { 55, 105, 155 }) Update(t4, 4, minutes);

        Open(5, Duration.FromMinutes(44), "P2", major: false, DemoTexts.Servicedesk, quiet);

        var t6 = Open(6, Duration.FromMinutes(90), "P3", major: false, DemoTexts.Servicedesk, _anchor);
        Respond(t6, 6, t6.Created + Duration.FromMinutes(10), agent);
        var reassigned = t6.Created + Duration.FromMinutes(20);
        t6.Add(TicketEvent.FieldChange(reassigned, TicketFieldNames.Group, DemoTexts.SecondLine, "o6.group"));
        t6.Add(TicketEvent.FieldChange(reassigned, TicketFieldNames.Assignee, DemoTexts.AgentsOf(DemoTexts.SecondLine)[0], "o6.reassign"));

        var t7 = Open(7, Duration.FromMinutes(120), "P3", major: false, DemoTexts.Servicedesk, _anchor);
        Respond(t7, 7, _anchor - Duration.FromMinutes(60), DemoTexts.AgentsOf(DemoTexts.Servicedesk)[1]);
        t7.Add(TicketEvent.StatusChange(_anchor - Duration.FromMinutes(60), StatusCategory.Pending, "Pending", "o7.pending"));

        var t8 = Open(8, Duration.FromMinutes(60), "P2", major: false, DemoTexts.Servicedesk, _anchor);
        Respond(t8, 8, t8.Created + Duration.FromMinutes(15), agent);
        t8.Add(TicketEvent.StatusChange(t8.Created + Duration.FromMinutes(15), StatusCategory.OnHold, DemoTexts.WaitingForSupplier, "o8.hold"));
    }

    private DemoTicket Open(int k, Duration age, string priority, bool major, string group, Instant quietUntil)
    {
        var subject = _random.Pick(major ? DemoTexts.MajorIncidents : DemoTexts.Subjects);
        var ticket = new DemoTicket(_nextNumber++, _anchor - age, subject, Requester(DemoTexts.Customer), Initial(priority, major, group, DemoTexts.Customer), $"o{k}")
        {
            QuietUntil = quietUntil,
        };
        _opening.Add(ticket);
        _inPlay.Add(ticket);
        return ticket;
    }

    private static void Respond(DemoTicket ticket, int k, Instant at, string agent)
    {
        ticket.Add(TicketEvent.FieldChange(at, TicketFieldNames.Assignee, agent, $"o{k}.assignee"));
        ticket.Add(TicketEvent.Reply(at, $"o{k}.reply"));
        ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Open, "Open", $"o{k}.open"));
    }

    /// <summary>A public agent update, <paramref name="minutes"/> after the ticket was created.</summary>
    private static void Update(DemoTicket ticket, int k, int minutes) =>
        ticket.Add(TicketEvent.Reply(ticket.Created + Duration.FromMinutes(minutes), $"o{k}.update-{minutes}"));

    /// <summary>One step of the story: returns the ticket it created or changed (null: nothing happened).</summary>
    private DemoTicket? Step(long step, Instant at)
    {
        var ids = new StepIds(step);
        var candidates = _inPlay.Where(t => t.QuietUntil <= at).ToList();
        var room = _inPlay.Count < _options.Tickets;
        if (room && (candidates.Count == 0 || _random.Chance(0.35))) return NewTicket(at, ids);
        if (candidates.Count == 0) return null;

        var ticket = _random.Pick(candidates);
        Act(ticket, at, ids);
        if (!ticket.InPlay) _inPlay.Remove(ticket);
        return ticket;
    }

    private DemoTicket NewTicket(Instant at, StepIds ids)
    {
        var priority = _random.Weighted(("P1", 6), ("P2", 22), ("P3", 47), ("P4", 25));
        var major = priority == "P1" && _random.Chance(0.6);
        var group = _random.Chance(0.8) ? DemoTexts.Servicedesk : DemoTexts.SecondLine;
        var organization = _random.Chance(0.85) ? DemoTexts.Customer : DemoTexts.OtherCustomer;
        var subject = _random.Pick(major ? DemoTexts.MajorIncidents : DemoTexts.Subjects);
        var ticket = new DemoTicket(_nextNumber++, at, subject, Requester(organization), Initial(priority, major, group, organization), ids.Prefix);
        _inPlay.Add(ticket);
        return ticket;
    }

    private TicketFields Initial(string priority, bool major, string group, string organization) => new()
    {
        Priority = priority,
        Type = major ? "incident" : _random.Weighted(("incident", 55), ("question", 25), ("task", 12), ("problem", 8)),
        Group = group,
        Organization = organization,
        Channel = _random.Pick(DemoTexts.Channels),
        Tags = major ? TicketFields.ParseTags(DemoTexts.MajorIncidentTag) : TicketFields.ParseTags(null),
    };

    private string Requester(string organization) => $"{_random.Pick(DemoTexts.Requesters)} ({organization})";

    private void Act(DemoTicket ticket, Instant at, StepIds ids)
    {
        var action = ticket.Fields.Status switch
        {
            StatusCategory.New => _random.Weighted(("reply", 60), ("priority", 12), ("reassign", 15), ("chase", 13)),
            StatusCategory.Open => _random.Weighted(("reply", 24), ("pending", 20), ("solve", 20), ("chase", 10), ("priority", 8), ("reassign", 8), ("hold", 6)),
            StatusCategory.Pending => _random.Weighted(("answer", 75), ("solve", 25)),
            StatusCategory.OnHold => "resume",
            _ => _random.Weighted(("reopen", 20), ("close", 80)),
        };
        switch (action)
        {
            case "reply":
                Reply(ticket, at, ids);
                if (ticket.Fields.Status == StatusCategory.New) ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Open, "Open", ids.Next()));
                break;
            case "pending":
                Reply(ticket, at, ids);
                ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Pending, "Pending", ids.Next()));
                break;
            case "solve":
                Reply(ticket, at, ids);
                ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Solved, "Solved", ids.Next()));
                break;
            case "hold":
                Reply(ticket, at, ids);
                var name = _random.Chance(0.5) ? DemoTexts.WaitingForSupplier : "On-hold";
                ticket.Add(TicketEvent.StatusChange(at, StatusCategory.OnHold, name, ids.Next()));
                break;
            case "resume":
                Reply(ticket, at, ids);
                ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Open, "Open", ids.Next()));
                break;
            case "chase":
                ticket.Add(TicketEvent.CustomerWrote(at, ids.Next()));
                break;
            case "answer":
            case "reopen":
                ticket.Add(TicketEvent.CustomerWrote(at, ids.Next()));
                ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Open, "Open", ids.Next()));
                break;
            case "priority":
                ChangePriority(ticket, at, ids);
                break;
            case "reassign":
                var group = ticket.Fields.Group == DemoTexts.SecondLine ? DemoTexts.Servicedesk : DemoTexts.SecondLine;
                ticket.Add(TicketEvent.FieldChange(at, TicketFieldNames.Group, group, ids.Next()));
                ticket.Add(TicketEvent.FieldChange(at, TicketFieldNames.Assignee, _random.Pick(DemoTexts.AgentsOf(group)), ids.Next()));
                break;
            default:
                ticket.Add(TicketEvent.StatusChange(at, StatusCategory.Closed, "Closed", ids.Next()));
                break;
        }
    }

    private void Reply(DemoTicket ticket, Instant at, StepIds ids)
    {
        if (ticket.Fields.Assignee is null)
        {
            var agent = _random.Pick(DemoTexts.AgentsOf(ticket.Fields.Group ?? DemoTexts.Servicedesk));
            ticket.Add(TicketEvent.FieldChange(at, TicketFieldNames.Assignee, agent, ids.Next()));
        }
        ticket.Add(TicketEvent.Reply(at, ids.Next()));
    }

    private void ChangePriority(DemoTicket ticket, Instant at, StepIds ids)
    {
        var index = Math.Max(0, DemoTexts.Priorities.IndexOf(ticket.Fields.Priority ?? "P3"));
        var next = index == 0 ? 1 : index == DemoTexts.Priorities.Length - 1 ? index - 1 : index + (_random.Chance(0.5) ? -1 : 1);
        var priority = DemoTexts.Priorities[next];
        ticket.Add(TicketEvent.FieldChange(at, TicketFieldNames.Priority, priority, ids.Next()));

        var major = ticket.Fields.Tags.Contains(DemoTexts.MajorIncidentTag);
        var tags = ticket.Fields.Tags;
        if (priority == "P1" && !major && _random.Chance(0.5)) tags = tags.Add(DemoTexts.MajorIncidentTag);
        if (priority != "P1" && major) tags = tags.Remove(DemoTexts.MajorIncidentTag);
        if (!tags.SetEquals(ticket.Fields.Tags))
        {
            ticket.Add(TicketEvent.FieldChange(at, TicketFieldNames.Tags, string.Join(",", tags.Order(StringComparer.Ordinal)), ids.Next()));
        }
    }

    /// <summary>Event ids of one step: <c>s{step}.1</c>, <c>s{step}.2</c>, … — the same for the same seed, forever.</summary>
    private sealed class StepIds(long step)
    {
        private int _count;

        public string Prefix { get; } = $"s{step}";

        public string Next() => $"{Prefix}.{++_count}";
    }
}
