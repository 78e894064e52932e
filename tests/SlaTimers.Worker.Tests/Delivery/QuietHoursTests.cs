using Hangfire.States;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Recipients;
using SlaTimers.Worker.Delivery;

namespace SlaTimers.Worker.Tests.Delivery;

public sealed class QuietHoursTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneLeniently(Amsterdam).ToInstant();

    private static Instant? HoldUntil(NotifyWorld world, string person, Instant at, string priority = "high") =>
        DeliveryTiming.HoldUntil(world.Configuration.Recipients.FindPerson(person), priority, world.Configuration.Calendars, world.Options.Value, at);

    [Fact]
    public void InWorkingHours_NothingIsHeld()
    {
        using var world = new NotifyWorld();
        Assert.Null(HoldUntil(world, "ann", Local(2026, 11, 24, 10, 0)));
    }

    [Fact]
    public void WithoutQuietHours_NothingIsHeldAtNight()
    {
        using var world = new NotifyWorld();
        Assert.Null(HoldUntil(world, "bert", Local(2026, 11, 24, 3, 0)));
    }

    [Fact]
    public void OnASaturdayEveningBeforeSpringForward_ItWaitsForMonday0900SummerTime()
    {
        using var world = new NotifyWorld();
        // Sat 28 March 2026 20:00 CET; the clocks go forward on Sunday 29 March: Monday 09:00 is CEST (07:00 UTC).
        var held = HoldUntil(world, "ann", Local(2026, 3, 28, 20, 0));
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 7, 0), held);
    }

    [Fact]
    public void OnASaturdayEveningBeforeFallBack_ItWaitsForMonday0900WinterTime()
    {
        using var world = new NotifyWorld();
        // Sat 24 October 2026 20:00 CEST; the clocks go back on Sunday 25 October: Monday 09:00 is CET (08:00 UTC).
        Assert.Equal(Instant.FromUtc(2026, 10, 26, 8, 0), HoldUntil(world, "ann", Local(2026, 10, 24, 20, 0)));
    }

    [Fact]
    public void AtTheClosingInstant_ItWaitsForTheNextOpening_AtTheOpeningInstant_ItGoes()
    {
        using var world = new NotifyWorld();
        Assert.Equal(Local(2026, 11, 25, 9, 0), HoldUntil(world, "ann", Local(2026, 11, 24, 17, 0)));
        Assert.Null(HoldUntil(world, "ann", Local(2026, 11, 25, 9, 0)));
    }

    [Fact]
    public void AnOvernightWorker_IsHeldDuringTheDay_AndReachedAfterMidnight()
    {
        using var world = new NotifyWorld();
        Assert.Equal(Local(2026, 11, 24, 22, 0), HoldUntil(world, "olga", Local(2026, 11, 24, 13, 0)));
        Assert.Null(HoldUntil(world, "olga", Local(2026, 11, 24, 23, 30)));
        Assert.Null(HoldUntil(world, "olga", Local(2026, 11, 25, 5, 59))); // the tail of Tuesday's night shift
        Assert.Equal(Local(2026, 11, 25, 22, 0), HoldUntil(world, "olga", Local(2026, 11, 25, 6, 0)));
    }

    [Fact]
    public void AnOvernightShiftAcrossSpringForward_OpensAtTheLocalOpening()
    {
        using var world = new NotifyWorld();
        // Saturday 28 March 2026 12:00 CET: the night shift starts at 22:00 CET (21:00 UTC), before the change at 02:00.
        Assert.Equal(Instant.FromUtc(2026, 3, 28, 21, 0), HoldUntil(world, "olga", Local(2026, 3, 28, 12, 0)));
        // Sunday 29 March 2026 12:00 CEST: the next shift starts at 22:00 CEST (20:00 UTC).
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 20, 0), HoldUntil(world, "olga", Local(2026, 3, 29, 12, 0)));
    }

    [Fact]
    public void AnUrgentTicket_BypassesQuietHoursByDefault()
    {
        using var world = new NotifyWorld();
        Assert.Null(HoldUntil(world, "ann", Local(2026, 11, 24, 3, 0), priority: "URGENT"));
        Assert.NotNull(HoldUntil(world, "ann", Local(2026, 11, 24, 3, 0), priority: "high"));
    }

    [Fact]
    public void ConfiguredBypassPriorities_ReplaceTheDefault()
    {
        using var world = new NotifyWorld(new DeliveryOptions { QuietHoursBypassPriorities = ["high"] });
        Assert.Null(HoldUntil(world, "ann", Local(2026, 11, 24, 3, 0), priority: "high"));
        Assert.NotNull(HoldUntil(world, "ann", Local(2026, 11, 24, 3, 0), priority: "urgent"));
    }

    [Fact]
    public void ABlankBypassList_LetsNothingThrough()
    {
        using var world = new NotifyWorld(new DeliveryOptions { QuietHoursBypassPriorities = [""] });
        Assert.Empty(world.Options.Value.BypassPriorities);
        Assert.NotNull(HoldUntil(world, "ann", Local(2026, 11, 24, 3, 0), priority: "urgent"));
    }

    [Fact]
    public async Task Notify_AtNight_RecordsOneRowDueAtTheOpening_RecordedNow_AndSchedulesItsDeliveryThen()
    {
        var created = Local(2026, 3, 28, 20, 0);
        using var world = new NotifyWorld(now: created + Duration.FromSeconds(2));
        var record = world.Ticket("1", created);

        var added = await world.Notifier().NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Warning)], world.Configuration,
            world.Clock.GetCurrentInstant(), CancellationToken.None);

        var key = NotifyWorld.KeyOf(record, "ann");
        Assert.Contains(key, added);
        var opening = Instant.FromUtc(2026, 3, 30, 7, 0);
        Assert.Equal((DeliveryState.Pending, opening), (world.Ledger.Entries[key].State, world.Ledger.Entries[key].DueAt));
        Assert.Equal(world.Clock.GetCurrentInstant(), world.Ledger.Entries[key].RecordedAt); // so the held row is not counted as late
        var job = Assert.Single(world.Jobs.Created, j => (string)j.Job.Args[0] == key);
        var scheduled = Assert.IsType<ScheduledState>(job.State);
        Assert.Equal(opening.ToDateTimeUtc(), scheduled.EnqueueAt);

        // A second firing of the same timer adds nothing and schedules nothing.
        var again = await world.Notifier().NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Warning)], world.Configuration,
            world.Clock.GetCurrentInstant() + Duration.FromMinutes(1), CancellationToken.None);
        Assert.Empty(again);
        Assert.Single(world.Jobs.Created, j => (string)j.Job.Args[0] == key);
    }

    [Fact]
    public async Task Notify_AnUrgentTicketAtNight_IsQueuedAtOnce()
    {
        var created = Local(2026, 11, 24, 3, 0);
        using var world = new NotifyWorld(now: created + Duration.FromSeconds(2));
        var record = world.Ticket("1", created, priority: "urgent");

        await world.Notifier().NotifyAsync(record.Ticket, [NotifyWorld.Due(record, NotifyWorld.Warning)], world.Configuration,
            world.Clock.GetCurrentInstant(), CancellationToken.None);

        var key = NotifyWorld.KeyOf(record, "ann");
        Assert.IsType<EnqueuedState>(Assert.Single(world.Jobs.Created, j => (string)j.Job.Args[0] == key).State);
        Assert.Equal(created + Duration.FromSeconds(2), world.Ledger.Entries[key].DueAt);
    }

    [Fact]
    public async Task Deliver_OfAHeldNotification_SaysItWasHeld_InTheRecipientsZone_AndIsNotLate()
    {
        var created = Local(2026, 11, 24, 3, 0);
        var opening = Local(2026, 11, 24, 9, 0);
        using var world = new NotifyWorld(now: opening + Duration.FromSeconds(1));
        var record = world.Ticket("1", created);
        var key = world.Record(record, "ann", opening);

        await world.Job().DeliverAsync(key, "title", CancellationToken.None);

        var message = Assert.Single(world.Channel.Sent);
        Assert.Contains("Held: this checkpoint was at 03:00 CET, in your quiet hours; it waited for your working hours to begin (09:00 CET)", message.TextBody);
        Assert.DoesNotContain("sent late", message.TextBody);
        Assert.Equal(DeliveryState.Delivered, world.Ledger.Entries[key].State);
    }

    [Fact]
    public async Task Deliver_BeforeTheOpening_SendsNothingAndReschedulesForTheOpening()
    {
        var created = Local(2026, 11, 24, 3, 0);
        var opening = Local(2026, 11, 24, 9, 0);
        using var world = new NotifyWorld(now: created + Duration.FromMinutes(1));
        var record = world.Ticket("1", created);
        var key = world.Record(record, "ann", opening);

        await world.Job().DeliverAsync(key, "title", CancellationToken.None);

        Assert.Empty(world.Channel.Sent);
        Assert.Equal(DeliveryState.Pending, world.Ledger.Entries[key].State);
        Assert.Equal(opening.ToDateTimeUtc(), Assert.IsType<ScheduledState>(Assert.Single(world.Jobs.Created).State).EnqueueAt);
    }

    [Fact]
    public async Task TheContext_ShowsTimesInTheRecipientsQuietHoursZone_ElseTheClocksZone()
    {
        var created = Local(2026, 11, 24, 10, 0);
        using var world = new NotifyWorld(now: created + Duration.FromSeconds(2));
        var record = world.Ticket("1", created);

        var liam = await world.Composer.ContextAsync(Notification(world, record, "liam", created + Duration.FromSeconds(2)), world.Clock.GetCurrentInstant(), CancellationToken.None);
        var ann = await world.Composer.ContextAsync(Notification(world, record, "ann", created + Duration.FromSeconds(2)), world.Clock.GetCurrentInstant(), CancellationToken.None);
        var bert = await world.Composer.ContextAsync(Notification(world, record, "bert", created + Duration.FromSeconds(2)), world.Clock.GetCurrentInstant(), CancellationToken.None);

        Assert.Equal("Europe/London", liam.Zone.Id);
        Assert.Equal("Europe/Amsterdam", ann.Zone.Id);
        Assert.Equal(DateTimeZone.Utc, bert.Zone); // the 24x7 calendar's zone
        Assert.False(ann.IsHeld);
    }

    private static Notification Notification(NotifyWorld world, Core.Storage.TicketRecord record, string person, Instant dueAt)
    {
        var key = world.Record(record, person, dueAt);
        return world.Ledger.Entries[key];
    }
}
