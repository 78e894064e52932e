using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Sync;

namespace SlaTimers.Helpdesks.Demo;

/// <summary>
/// The built-in demo helpdesk. Its cursor is the simulated instant it has reached (with the instant its story
/// began); a read plays the story up to the injected clock's now and returns every ticket that changed in
/// (cursor, now], each with its whole timeline so far. The same seed, anchor and now give the same page.
/// </summary>
internal sealed class DemoTicketSource(string name, DemoOptions options, IClock clock) : ITicketSource
{
    public string Name => name;

    public Task<TicketPage> ReadChangesAsync(string? cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetCurrentInstant();
        var position = cursor is null ? DemoCursor.Start(now) : DemoCursor.Parse(name, cursor);
        if (position.Reached >= now)
        {
            return Task.FromResult(new TicketPage([], [], position.ToString(), EndOfStream: true));
        }

        var (changed, reached) = new DemoStory(options, position.Anchor).Run(position.Reached, now, options.PageSize);
        var tickets = changed.Select(t => t.ToTicket(name, options.DisplayPrefix)).ToImmutableArray();
        var next = position with { Reached = reached };
        return Task.FromResult(new TicketPage(tickets, [], next.ToString(), EndOfStream: reached == now));
    }
}
