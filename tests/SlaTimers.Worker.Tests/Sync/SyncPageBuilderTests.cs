using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Sync;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Sync;

public sealed class SyncPageBuilderTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly TempFolder _config = WorkerConfig.Create();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void Build_ANewTicket_IsFirstSeenNowWithItsNextCheckpointAsTimer()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        var ticket = TestTickets.Make("hd", "1", T0);
        var now = T0 + Duration.FromSeconds(1);

        var write = SyncPageBuilder.Build("hd", Page(ticket), new Dictionary<TicketKey, TicketRecord>(), rules, now);

        var record = Assert.Single(write.Tickets);
        Assert.Equal(now, record.FirstSeen);
        Assert.Equal(now, record.EvaluatedAt);
        Assert.Equal(T0 + Duration.FromSeconds(2), record.NextCheckpointAt); // 50 % of 4 s
        Assert.Equal("cursor-2", write.NextCursor);
        Assert.Empty(write.Rejected);
    }

    [Fact]
    public void Build_AStoredTicket_KeepsWhenItWasFirstSeenAndMergesTheTimelines()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        var stored = TestTickets.Make("hd", "1", T0);
        var storedRecord = new TicketRecord(stored, T0, T0, [], null);
        var change = TicketEvent.FieldChange(T0 + Duration.FromSeconds(10), "priority", "low", id: "1-prio");
        var incoming = stored with { Timeline = [change] };

        var write = SyncPageBuilder.Build("hd", Page(incoming), new Dictionary<TicketKey, TicketRecord> { [storedRecord.Key] = storedRecord }, rules, T0 + Duration.FromSeconds(11));

        var record = Assert.Single(write.Tickets);
        Assert.Equal(T0, record.FirstSeen);
        Assert.Equal(["1-created", "1-prio"], record.Ticket.Timeline.Select(e => e.Id));
    }

    [Fact]
    public void Build_ACheckpointDueNow_GivesATimerNow()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        var stored = TestTickets.Make("hd", "1", T0);
        var storedRecord = new TicketRecord(stored, T0, T0, [], T0 + Duration.FromSeconds(2));
        var now = T0 + Duration.FromSeconds(3); // the 50 % checkpoint (at 2 s) came while the ticket was known

        var write = SyncPageBuilder.Build("hd", Page(stored), new Dictionary<TicketKey, TicketRecord> { [storedRecord.Key] = storedRecord }, rules, now);

        Assert.Equal(now, Assert.Single(write.Tickets).NextCheckpointAt);
    }

    [Fact]
    public void Build_ATicketThatCannotBeEvaluated_IsQuarantinedAndTheOthersGoOn()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        // Business calendars cover the years 2 to 9998: a ticket from the year 1 cannot be evaluated.
        var broken = TestTickets.Make("hd", "bad", Instant.FromUtc(1, 1, 1, 0, 0));
        var good = TestTickets.Make("hd", "good", T0);
        var quarantined = new List<(RejectedTicket Ticket, Exception Error)>();

        var write = SyncPageBuilder.Build("hd", Page(broken, good), new Dictionary<TicketKey, TicketRecord>(), rules, T0, (r, e) => quarantined.Add((r, e)));

        Assert.Equal("good", Assert.Single(write.Tickets).Ticket.ExternalId);
        var rejected = Assert.Single(write.Rejected);
        Assert.Equal("bad", rejected.ExternalId);
        Assert.Contains("\"externalId\":\"bad\"", rejected.RawPayload);
        Assert.Equal("bad", Assert.Single(quarantined).Ticket.ExternalId);
    }

    [Fact]
    public void Build_ATicketOfAnotherSource_IsQuarantined()
    {
        var rules = WorkerConfig.Load(_config).Rules;

        var write = SyncPageBuilder.Build("hd", Page(TestTickets.Make("other", "1", T0)), new Dictionary<TicketKey, TicketRecord>(), rules, T0);

        Assert.Empty(write.Tickets);
        Assert.Contains("'other'", Assert.Single(write.Rejected).Reason);
    }

    [Fact]
    public void Build_ATicketTwiceOnOnePage_IsOneRecordWithBothTimelines()
    {
        var rules = WorkerConfig.Load(_config).Rules;
        var first = TestTickets.Make("hd", "1", T0);
        var second = first with { Timeline = [TicketEvent.Reply(T0 + Duration.FromSeconds(1), id: "1-reply")] };

        var write = SyncPageBuilder.Build("hd", Page(first, second), new Dictionary<TicketKey, TicketRecord>(), rules, T0 + Duration.FromSeconds(1));

        Assert.Equal(["1-created", "1-reply"], Assert.Single(write.Tickets).Ticket.Timeline.Select(e => e.Id));
    }

    private static TicketPage Page(params Ticket[] tickets) => new([.. tickets], ImmutableArray<RejectedTicket>.Empty, "cursor-2", EndOfStream: true);
}
