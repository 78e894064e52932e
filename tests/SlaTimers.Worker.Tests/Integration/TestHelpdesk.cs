using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Helpdesks;

namespace SlaTimers.Worker.Tests.Integration;

/// <summary>
/// A scripted helpdesk: a test pushes tickets (each with its timeline so far) and the next read returns them.
/// It lists no helpdesk for the recurring schedule: the tests run the sync job themselves, when they need it.
/// </summary>
public sealed class TestHelpdesk : ITicketSource, ITicketSourceRegistry
{
    public const string SourceName = "scripted";

    private readonly ConcurrentQueue<Ticket> _pending = new();
    private int _reads;

    public string Name => SourceName;

    public IReadOnlyList<HelpdeskDescriptor> Helpdesks => [];

    public ITicketSource Get(string name) => name == SourceName ? this : throw new KeyNotFoundException(name);

    public void Push(Ticket ticket) => _pending.Enqueue(ticket);

    public Task<TicketPage> ReadChangesAsync(string? cursor, CancellationToken cancellationToken)
    {
        var tickets = new List<Ticket>();
        while (_pending.TryDequeue(out var ticket)) tickets.Add(ticket);
        var next = Interlocked.Increment(ref _reads).ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(new TicketPage([.. tickets], ImmutableArray<RejectedTicket>.Empty, next, EndOfStream: true));
    }
}
