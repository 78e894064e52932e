using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Notifications.Smtp;
using SlaTimers.Notifications.Templates;
using SlaTimers.Testing.Smtp;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Tests.Support;

namespace SlaTimers.Worker.Tests.Delivery;

/// <summary>
/// Quiet hours and digests through the real pieces: the shipped templates of config/templates, the MailKit SMTP channel
/// and an SMTP server on loopback.
/// </summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private SmtpTestServer? _server;
    private SmtpChannel? _smtp;

    public Task InitializeAsync()
    {
        _server = SmtpTestServer.Start();
        _smtp = new SmtpChannel(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = _server.Port, Security = SmtpSecurity.None, From = "SlaTimers <sla@example.nl>",
            CheckCertificateRevocation = false, Timeout = TimeSpan.FromSeconds(10),
        }), new NoHttp(), TimeProvider.System, NullLogger<SmtpChannel>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_smtp is not null) await _smtp.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    private static Instant Local(int day, int hour) => new LocalDateTime(2026, 11, day, hour, 0).InZoneLeniently(Amsterdam).ToInstant();

    private (NotifyWorld World, DeliveryJob Job) World(DeliveryOptions options, Instant now)
    {
        var world = new NotifyWorld(options, now);
        var composer = new NotificationComposer(world.Tickets, world.Holder, new PickupChannelStrategy(),
            new TemplateMessageComposer(MessageTemplates.Load(TestPaths.RealConfig)), world.Options);
        return (world, new DeliveryJob(world.Ledger, composer, [_smtp!], world.Jobs, world.Clock, world.Options, NullLogger<DeliveryJob>.Instance));
    }

    private string Record(NotifyWorld world, Core.Storage.TicketRecord record, string person, Instant dueAt)
    {
        var key = world.Record(record, person, dueAt);
        world.Ledger.Entries[key] = world.Ledger.Entries[key] with { Channel = SmtpChannel.ChannelName };
        return key;
    }

    [Fact]
    public async Task WarningsHeldOvernight_ArriveAtTheOpeningAsOneDigestMail_SayingTheyWereHeld()
    {
        var opening = Local(24, 9);
        var (world, job) = World(new DeliveryOptions { DigestWindow = TimeSpan.FromMinutes(2) }, opening);
        using var _ = world;
        var one = world.Ticket("1", Local(24, 2));
        var two = world.Ticket("2", Local(24, 5));
        string[] keys = [Record(world, one, "ann", opening), Record(world, two, "ann", opening)];

        await job.DeliverAsync(keys[0], "title", CancellationToken.None);
        await job.DeliverAsync(keys[1], "title", CancellationToken.None);

        var mail = Assert.Single(_server!.Received);
        Assert.Equal("2 SLA warnings · T-1, T-2", mail.Subject);
        Assert.Equal("ann@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Held for your quiet hours: sent when your working hours began (09:00 CET).", mail.TextBody);
        Assert.Contains("T-1 — Ticket 1", mail.TextBody);
        Assert.Contains("<td>T-2<br>Ticket 2</td>", mail.HtmlBody ?? "", StringComparison.Ordinal); // the HTML part is there too
        Assert.All(keys, key => Assert.Equal(DeliveryState.Delivered, world.Ledger.Entries[key].State));
    }

    [Fact]
    public async Task OneHeldWarning_ArrivesAloneInTheRecipientsZone_SayingItWasHeld()
    {
        var opening = Local(24, 9);
        var (world, job) = World(new DeliveryOptions(), opening);
        using var _ = world;
        var record = world.Ticket("1", Local(24, 2));
        var key = Record(world, record, "olga", Local(24, 22)); // olga works nights: held until 22:00
        world.Clock.Reset(Local(24, 22) + Duration.FromSeconds(3));

        await job.DeliverAsync(key, "title", CancellationToken.None);

        var mail = Assert.Single(_server!.Received);
        Assert.StartsWith("Waarschuwing 50% · T-1", mail.Subject);
        Assert.Contains("Vastgehouden tijdens je rusttijd: dit was om Tue 24 Nov 02:00 CET aan de beurt en wachtte tot het begin van je werktijd (22:00 CET).", mail.TextBody);
        Assert.DoesNotContain("Laat verstuurd", mail.TextBody);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
