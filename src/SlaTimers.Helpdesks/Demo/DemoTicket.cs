using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Tickets;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>One ticket of the demo story as it unfolds: its events so far and the fields they lead to.</summary>
internal sealed class DemoTicket
{
    private readonly List<TicketEvent> _events = [];

    public DemoTicket(int number, Instant created, string subject, string requester, TicketFields initial, string idPrefix)
    {
        Number = number;
        Created = created;
        Subject = subject;
        Requester = requester;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in TicketFieldNames.Known)
        {
            if (initial.Get(field) is { Length: > 0 } value) fields[field] = value;
        }
        Fields = initial with { Status = StatusCategory.New, StatusName = "New" };
        _events.Add(TicketEvent.Created(created, StatusCategory.New, fields, $"{idPrefix}.created") with { StatusName = "New" });
    }

    public int Number { get; }
    public Instant Created { get; }
    public string Subject { get; }
    public string Requester { get; }
    public TicketFields Fields { get; private set; }

    /// <summary>Until then the story leaves this ticket alone (an opening ticket waiting for its checkpoint).</summary>
    public Instant QuietUntil { get; init; }

    public bool InPlay => Fields.Status != StatusCategory.Closed;

    public void Add(TicketEvent e)
    {
        _events.Add(e);
        Fields = TimelineReplay.Apply(Fields, e);
    }

    public Ticket ToTicket(string source, string? displayPrefix) => new()
    {
        Source = source,
        ExternalId = Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DisplayPrefix = displayPrefix,
        Created = Created,
        Subject = Subject,
        Requester = Requester,
        Fields = Fields,
        Timeline = [.. _events],
    };
}
