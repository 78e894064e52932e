using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using static SlaTimers.Storage.Tests.Support.TestData;

namespace SlaTimers.Storage.Tests;

public abstract partial class StoreContractTests
{
    private async Task<TimerSlot?> UnscheduledAsync(TicketKey key) =>
        (await Timers.GetUnscheduledAsync(At(100_000), 100_000, None)).SingleOrDefault(t => t.Ticket == key);

    private async Task<TimerSlot?> ObsoleteAsync(TicketKey key) =>
        (await Timers.GetObsoleteJobsAsync(100_000, None)).SingleOrDefault(t => t.Ticket == key);

    [Fact]
    public async Task Timer_Unscheduled_ThenRecorded_IsNoLongerUnscheduled()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record, Record(Ticket(source, "2"), next: At(500))]), None);

        var slot = await UnscheduledAsync(record.Key);
        Assert.Equal(new TimerSlot(record.Key, At(180), null, null), slot);
        Assert.True(slot?.NeedsScheduling);
        Assert.DoesNotContain(await Timers.GetUnscheduledAsync(At(500), 100_000, None), t => t.Ticket == new TicketKey(source, "2")); // not before the horizon

        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-1", None));

        Assert.Null(await UnscheduledAsync(record.Key));
        Assert.Null(await ObsoleteAsync(record.Key));
    }

    [Fact]
    public async Task Timer_Overdue_ListsOnlyTimersPastTheInstantThatStillNameTheirJob()
    {
        var source = NewSource();
        var scheduled = Record(Ticket(source, "1"), next: At(180));
        var unscheduled = Record(Ticket(source, "2"), next: At(170));
        var later = Record(Ticket(source, "3"), next: At(400));
        await Tickets.SavePageAsync(Page(source, "c1", [scheduled, unscheduled, later]), None);
        Assert.True(await Timers.RecordScheduledAsync(scheduled.Key, At(180), "job-1", None));
        Assert.True(await Timers.RecordScheduledAsync(later.Key, At(400), "job-3", None));

        var overdue = (await Timers.GetOverdueAsync(At(300), 100_000, None)).Where(t => t.Ticket.Source == source).ToList();

        Assert.Equal([new TimerSlot(scheduled.Key, At(180), "job-1", At(180))], overdue);

        await Timers.ClearJobAsync(scheduled.Key, "job-1", None);
        Assert.DoesNotContain(await Timers.GetOverdueAsync(At(300), 100_000, None), t => t.Ticket == scheduled.Key);
        Assert.Equal(new TimerSlot(scheduled.Key, At(180), null, null), await UnscheduledAsync(scheduled.Key));
    }

    [Fact]
    public async Task Timer_TwoSchedulersRecordJobsForOneSlot_OnlyTheFirstIsKept()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);

        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-a", None));
        Assert.False(await Timers.RecordScheduledAsync(record.Key, At(180), "job-b", None)); // job-b is to be deleted
        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-a", None)); // a retry of the same record

        await Tickets.SavePageAsync(Page(source, "c2", [Closed(record)]), None);
        Assert.Equal("job-a", (await ObsoleteAsync(record.Key))?.JobId);
    }

    [Fact]
    public async Task Timer_DueInstantMoves_RecordedJobIsStale_AndTheOldInstantIsNotRecorded()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);
        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-1", None));

        await Tickets.SavePageAsync(Page(source, "c2", [record with { NextCheckpointAt = At(120) }]), None);

        var slot = await UnscheduledAsync(record.Key);
        Assert.Equal(new TimerSlot(record.Key, At(120), "job-1", At(180)), slot);
        Assert.True(slot?.NeedsScheduling);
        // A scheduler that still holds the old instant must not overwrite the new intent.
        Assert.False(await Timers.RecordScheduledAsync(record.Key, At(180), "job-late", None));
        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(120), "job-2", None));
        Assert.Null(await UnscheduledAsync(record.Key));
    }

    [Fact]
    public async Task Timer_TicketCloses_JobIsObsolete_UntilCleared()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);
        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-1", None));

        await Tickets.SavePageAsync(Page(source, "c2", [Closed(record)]), None);

        Assert.Null(await UnscheduledAsync(record.Key));
        Assert.Equal(new TimerSlot(record.Key, At(180), "job-1", At(180)), await ObsoleteAsync(record.Key));
        await Timers.ClearJobAsync(record.Key, "job-other", None); // another job id: not this one
        Assert.NotNull(await ObsoleteAsync(record.Key));
        await Timers.ClearJobAsync(record.Key, "job-1", None);
        Assert.Null(await ObsoleteAsync(record.Key));
        Assert.False(await Timers.RecordScheduledAsync(record.Key, At(180), "job-2", None));
    }

    [Fact]
    public async Task Timer_TicketWithoutJobCloses_LeavesNoTimer()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);

        await Tickets.SavePageAsync(Page(source, "c2", [Closed(record)]), None);

        Assert.Null(await UnscheduledAsync(record.Key));
        Assert.Null(await ObsoleteAsync(record.Key));
        Assert.Empty(await Fixture.QueryAsync<string>("SELECT source FROM {p}ticket_timers WHERE source = @source", new { source }));
    }

    [Fact]
    public async Task Timer_JobClearedWhileDue_IsUnscheduledAgain()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);
        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-1", None));

        await Timers.ClearJobAsync(record.Key, "job-1", None);

        Assert.Equal(new TimerSlot(record.Key, At(180), null, null), await UnscheduledAsync(record.Key));
    }

    [Fact]
    public async Task Timer_ClosedTicketReopens_OldJobIsStale()
    {
        var source = NewSource();
        var record = Record(Ticket(source, "1"), next: At(180));
        await Tickets.SavePageAsync(Page(source, "c1", [record]), None);
        Assert.True(await Timers.RecordScheduledAsync(record.Key, At(180), "job-1", None));
        await Tickets.SavePageAsync(Page(source, "c2", [Closed(record)]), None);

        await Tickets.SavePageAsync(Page(source, "c3", [record with { NextCheckpointAt = At(400) }]), None);

        Assert.Null(await ObsoleteAsync(record.Key));
        Assert.Equal(new TimerSlot(record.Key, At(400), "job-1", At(180)), await UnscheduledAsync(record.Key));
    }
}
