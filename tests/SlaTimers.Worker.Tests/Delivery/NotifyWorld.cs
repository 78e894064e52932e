using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using SlaTimers.Configuration;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Notifications.Channels;
using SlaTimers.Notifications.Messages;
using SlaTimers.Worker.Configuration;
using SlaTimers.Worker.Delivery;
using SlaTimers.Worker.Recipients;
using SlaTimers.Worker.Tests.Support;
using SlaTimers.Worker.Timers;

namespace SlaTimers.Worker.Tests.Delivery;

/// <summary>
/// A config folder for the quiet-hours and digest tests: the test agreement (24x7, warning at 50 % and breach at +0 of
/// a 4 s budget) with quiet-hours calendars, people that use them, and the delivery pieces wired to fakes.
/// ann works 09:00–17:00 on weekdays in Amsterdam; olga works nights (22:00–06:00) in Amsterdam; liam works in London
/// 09:00–17:00; nora can only be reached over Teams, which is not configured.
/// </summary>
public sealed class NotifyWorld : IDisposable
{
    public const string Source = "hd";
    public const string Warning = "warn-50%";
    public const string Breach = "escalate-1";
    public const string ClockKey = "notify-sla/resolution/1";

    private const string Agreement = """
        { "id": "notify-sla", "name": "Notify SLA", "kind": "external", "priorities": ["high", "urgent"],
          "policies": [ { "id": "all", "when": {}, "targets": { "resolution": { "calendar": "24x7", "budget": { "high": "4s", "urgent": "4s" },
            "checkpoints": [ { "at": "50%", "notify": ["assignee", "group"] }, { "at": "+0", "notify": ["assignee"] } ] } } } ] }
        """;

    private const string Recipients = """
        { "people": {
            "ann":  { "name": "Ann Agent",  "email": "ann@example.com",  "language": "en", "quietHours": "desk",   "helpdeskIds": ["agent-ann"] },
            "olga": { "name": "Olga Owl",   "email": "olga@example.com", "language": "nl", "quietHours": "nights", "helpdeskIds": ["agent-olga"] },
            "liam": { "name": "Liam Lewis", "email": "liam@example.com", "language": "en", "quietHours": "london", "helpdeskIds": ["agent-liam"] },
            "bert": { "name": "Bert Busy",  "email": "bert@example.com", "language": "en", "helpdeskIds": ["agent-bert"] },
            "nora": { "name": "Nora Noaddress", "teamsUserId": "00000000-0000-0000-0000-000000000009", "language": "en" } },
          "groups": { "Desk": { "members": ["ann", "nora"] } },
          "channels": {} }
        """;

    private readonly TempFolder _folder = new();

    public NotifyWorld(DeliveryOptions? options = null, Instant? now = null)
    {
        _folder.Write("agreements/notify-sla.json", Agreement);
        _folder.Write("recipients.json", Recipients);
        _folder.Write("calendars/desk.json", """
            { "id": "desk", "name": "Desk", "timeZone": "Europe/Amsterdam",
              "week": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"] } }
            """);
        _folder.Write("calendars/nights.json", """
            { "id": "nights", "name": "Nights", "timeZone": "Europe/Amsterdam",
              "week": { "monday": ["22:00-06:00"], "tuesday": ["22:00-06:00"], "wednesday": ["22:00-06:00"], "thursday": ["22:00-06:00"],
                        "friday": ["22:00-06:00"], "saturday": ["22:00-06:00"], "sunday": ["22:00-06:00"] } }
            """);
        _folder.Write("calendars/london.json", """
            { "id": "london", "name": "London", "timeZone": "Europe/London",
              "week": { "monday": ["09:00-17:00"], "tuesday": ["09:00-17:00"], "wednesday": ["09:00-17:00"], "thursday": ["09:00-17:00"], "friday": ["09:00-17:00"] } }
            """);
        Configuration = SlaConfigurationLoader.Load(_folder.Path).GetOrThrow();
        Holder = new SlaConfigurationHolder(Configuration);
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new DeliveryOptions());
        Clock = new FakeClock(now ?? Instant.FromUtc(2026, 11, 24, 12, 0));
        Composer = new NotificationComposer(Tickets, Holder, new PickupChannelStrategy(), DefaultMessageComposer.Instance, Options);
    }

    public SlaConfiguration Configuration { get; }
    public SlaConfigurationHolder Holder { get; }
    public IOptions<DeliveryOptions> Options { get; }
    public FakeClock Clock { get; }
    public FakeTicketStore Tickets { get; } = new(new FakeTimerStore());
    public FakeLedger Ledger { get; } = new();
    public FakeJobClient Jobs { get; } = new();
    public RecordingChannel Channel { get; } = new();
    public NotificationComposer Composer { get; }

    public CheckpointNotifier Notifier() =>
        new(Ledger, Jobs, new PickupChannelStrategy(), Options, NullLogger<CheckpointNotifier>.Instance);

    public DeliveryJob Job(params INotificationChannel[] channels) =>
        new(Ledger, Composer, channels.Length == 0 ? [Channel] : channels, Jobs, Clock, Options, NullLogger<DeliveryJob>.Instance);

    /// <summary>A ticket created at <paramref name="created"/>, stored, with its clock (warning at +2 s, breach at +4 s).</summary>
    public TicketRecord Ticket(string id, Instant created, string assignee = "agent-ann", string priority = "high", string? group = null)
    {
        var record = TicketEvaluation.Evaluate(TestTickets.Make(Source, id, created, priority, group, assignee), created, Configuration.Rules, created, fireForDueNow: true);
        Tickets.Put(record);
        return record;
    }

    public static (Clock Clock, ClockCheckpoint Checkpoint) Due(TicketRecord record, string checkpoint)
    {
        var clock = record.Clocks.Single();
        return (clock, clock.Checkpoints.Single(c => c.Definition.Key == checkpoint));
    }

    public static string KeyOf(TicketRecord record, string person, string checkpoint = Warning) =>
        Notification.MakeKey(record.Key, ClockKey, checkpoint, RecipientIds.Person(person));

    /// <summary>Records the notification of a checkpoint to a person in the ledger, as the notifier does, due at <paramref name="dueAt"/>.</summary>
    public string Record(TicketRecord record, string person, Instant dueAt, string checkpoint = Warning)
    {
        var key = KeyOf(record, person, checkpoint);
        Ledger.Entries[key] = new Notification
        {
            Key = key, Ticket = record.Key, ClockKey = ClockKey, CheckpointKey = checkpoint, Recipient = RecipientIds.Person(person),
            Channel = "pickup", DueAt = dueAt,
        };
        return key;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>A channel named pickup that records what it was given, or fails as told.</summary>
public sealed class RecordingChannel : INotificationChannel
{
    public List<OutgoingMessage> Sent { get; } = [];
    public List<OutgoingMessage> Attempted { get; } = [];
    public Exception? Failure { get; set; }

    public string Name => "pickup";

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Attempted.Add(message);
        if (Failure is not null) throw Failure;
        Sent.Add(message);
        return Task.CompletedTask;
    }
}
