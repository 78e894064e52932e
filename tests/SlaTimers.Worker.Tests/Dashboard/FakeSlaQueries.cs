using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Compliance;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Helpdesks;

namespace SlaTimers.Worker.Tests.Dashboard;

/// <summary>The dashboard's queries answered from memory, or failing with <see cref="Failure"/> as a store that is down.</summary>
public sealed class FakeSlaQueries : ISlaQueries
{
    public Exception? Failure { get; set; }
    public List<SyncState> SyncStates { get; } = [];
    public SlaCounts Counts { get; set; } = new(new Dictionary<ClockState, int>(), 0, new Dictionary<DeliveryState, int>());

    public Task<IReadOnlyList<TicketClock>> GetOpenClocksAsync(int limit, CancellationToken cancellationToken) => Answer<IReadOnlyList<TicketClock>>([]);

    public Task<IReadOnlyList<TicketClock>> GetBreachesAsync(Instant from, Instant to, int limit, CancellationToken cancellationToken) => Answer<IReadOnlyList<TicketClock>>([]);

    public Task<IReadOnlyList<ClockRecord>> GetClocksForPeriodAsync(Instant from, Instant to, CancellationToken cancellationToken) => Answer<IReadOnlyList<ClockRecord>>([]);

    public Task<IReadOnlyList<FailedNotification>> GetFailedNotificationsAsync(int limit, CancellationToken cancellationToken) => Answer<IReadOnlyList<FailedNotification>>([]);

    public Task<IReadOnlyList<QuarantinedTicket>> GetQuarantineAsync(int limit, CancellationToken cancellationToken) => Answer<IReadOnlyList<QuarantinedTicket>>([]);

    public Task<IReadOnlyList<SyncState>> GetSyncStatesAsync(CancellationToken cancellationToken) => Answer<IReadOnlyList<SyncState>>([.. SyncStates]);

    public Task<SlaCounts> GetCountsAsync(Instant breachedSince, CancellationToken cancellationToken) => Answer(Counts);

    public TimerBacklog TimerBacklog { get; set; } = new(0, null);

    public Task<TimerBacklog> GetTimerBacklogAsync(Instant now, CancellationToken cancellationToken) => Answer(TimerBacklog);

    public DeliveryBacklog DeliveryBacklog { get; set; } = new(0, 0, null);

    /// <summary>The digest each delivery-backlog question named (the rule the store applies is the store's contract).</summary>
    public List<DigestHold?> DeliveryDigests { get; } = [];

    public Task<DeliveryBacklog> GetDeliveryBacklogAsync(Instant now, DigestHold? digest, CancellationToken cancellationToken)
    {
        lock (DeliveryDigests) DeliveryDigests.Add(digest);
        return Answer(DeliveryBacklog);
    }

    private Task<T> Answer<T>(T value) => Failure is { } failure ? Task.FromException<T>(failure) : Task.FromResult(value);
}

/// <summary>Configured helpdesks, for the health and metrics rules (no ticket source behind them).</summary>
public sealed class FakeRegistry(params HelpdeskDescriptor[] helpdesks) : ITicketSourceRegistry
{
    public IReadOnlyList<HelpdeskDescriptor> Helpdesks => helpdesks;

    public Core.Sync.ITicketSource Get(string name) => throw new KeyNotFoundException(name);
}
