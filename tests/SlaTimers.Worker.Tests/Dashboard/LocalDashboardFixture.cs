using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SlaTimers.Core.Agreements;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Sync;
using SlaTimers.Core.Tickets;
using SlaTimers.Worker.Tests.Integration;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>The dashboard tests that share one running host without users: local requests only.</summary>
[CollectionDefinition(Name)]
public sealed class LocalDashboard : ICollectionFixture<LocalDashboardFixture>
{
    public const string Name = "Local dashboard";
}

/// <summary>
/// A worker without dashboard users, seeded with hostile text everywhere a helpdesk or a mail server can put it:
/// two tickets synced from the scripted helpdesk (timers scheduled 6 hours ahead), a breached ticket, a quarantined
/// one and a failed notification stored directly.
/// </summary>
public sealed class LocalDashboardFixture : IAsyncLifetime
{
    public const string HostileSubject = "<script>alert(1)</script> Printer on fire";
    public const string HostileLink = "javascript:alert(2)";
    public const string SafeLink = "https://helpdesk.example.com/tickets/4712";
    public const string BreachedSubject = "<img src=x onerror=alert(4)> Mail down";
    public const string FailureError = "550 <script>alert(3)</script> mailbox unavailable";
    public const string QuarantineReason = "<b>unknown status</b> 'weird'";
    public const string SeededSource = "seeded";

    private DashboardHost? _host;

    public DashboardHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        var now = SystemClock.Instance.GetCurrentInstant();
        Host.Helpdesk.Push(TestTickets.Make(TestHelpdesk.SourceName, "4711", now - Duration.FromMinutes(1)) with
        {
            DisplayPrefix = "DEMO", Subject = HostileSubject, Link = HostileLink,
        });
        Host.Helpdesk.Push(TestTickets.Make(TestHelpdesk.SourceName, "4712", now - Duration.FromMinutes(2), priority: "low") with
        {
            DisplayPrefix = "DEMO", Subject = "Scanner jams", Link = SafeLink,
        });
        await Host.SyncAsync();

        var tickets = Host.Services.GetRequiredService<ITicketStore>();
        var breachedAt = now - Duration.FromSeconds(1);
        var breached = new Ticket
        {
            Source = SeededSource, ExternalId = "9001", DisplayPrefix = "DEMO", Created = now - Duration.FromHours(9), Subject = BreachedSubject,
            Fields = new TicketFields { Priority = "high", Status = StatusCategory.Open },
        };
        var clock = new Clock
        {
            AgreementId = DashboardHost.AgreementId, AgreementKind = AgreementKind.External, Metric = Metric.Resolution, Cycle = 1,
            State = ClockState.BreachedRunning, PolicyId = "all", CalendarId = "24x7", Priority = "high", Started = breached.Created,
            Used = Duration.FromHours(9), Budget = Duration.FromHours(8), Deadline = breachedAt, BreachedAt = breachedAt,
        };
        await tickets.SavePageAsync(new SyncPageWrite(SeededSource, "c1", now, [new TicketRecord(breached, now, now, [clock], null)],
            [new RejectedTicket(SeededSource, "9002", QuarantineReason, """{"id":9002}""")]), CancellationToken.None);

        var ledger = Host.Services.GetRequiredService<INotificationLedger>();
        var ticket = new TicketKey(TestHelpdesk.SourceName, "4711");
        var notification = new Notification
        {
            Key = Notification.MakeKey(ticket, "dash-sla/resolution/1", "warn-75%", "person:ann"), Ticket = ticket,
            ClockKey = "dash-sla/resolution/1", CheckpointKey = "warn-75%", Recipient = "person:ann", Channel = "pickup", DueAt = now,
        };
        await ledger.AddIfAbsentAsync([notification], CancellationToken.None);
        await ledger.MarkFailedAsync(notification.Key, now, FailureError, retryAt: null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
