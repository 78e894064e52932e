using System.Collections.Immutable;
using NodaTime;
using SlaTimers.Core.Clocks;
using SlaTimers.Core.Notifications;
using SlaTimers.Core.Storage;
using SlaTimers.Core.Tickets;
using SlaTimers.Storage.Serialization;

namespace SlaTimers.Storage.Records;

/// <summary>Rows back into the Core's records.</summary>
internal static class RecordMapping
{
    /// <summary>Builds records from ticket rows and the clock rows of the same tickets (in any order).</summary>
    public static List<TicketRecord> ToRecords(IEnumerable<TicketRow> tickets, IEnumerable<ClockRow> clocks)
    {
        var clocksByTicket = clocks
            .GroupBy(c => new TicketKey(c.Source, c.ExternalId))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Ordinal).Select(ToClock).ToImmutableArray());
        return [.. tickets.Select(t => ToRecord(t, clocksByTicket.GetValueOrDefault(new TicketKey(t.Source, t.ExternalId), [])))];
    }

    public static TicketRecord ToRecord(TicketRow row, ImmutableArray<Clock> clocks)
    {
        var document = StorageJson.Deserialize<TicketDocument>(row.Ticket, "ticket");
        var ticket = new Ticket
        {
            Source = row.Source,
            ExternalId = row.ExternalId,
            DisplayPrefix = document.DisplayPrefix,
            Created = row.Created,
            Subject = row.Subject,
            Requester = document.Requester,
            Link = row.Link,
            Fields = document.Fields.ToFields(),
            Timeline = EventDocument.Deserialize(row.Timeline),
        };
        return new TicketRecord(ticket, row.FirstSeen, row.EvaluatedAt, clocks, row.NextCheckpointAt) { Version = row.Version };
    }

    public static Clock ToClock(ClockRow row) => new()
    {
        AgreementId = row.AgreementId,
        AgreementKind = ClockColumns.ParseKind(row.AgreementKind),
        Metric = ClockColumns.ParseMetric(row.Metric),
        Cycle = row.Cycle,
        State = ClockColumns.ParseState(row.State),
        IsPaused = row.IsPaused,
        PolicyId = row.PolicyId,
        CalendarId = row.CalendarId,
        Priority = row.Priority,
        Started = row.Started,
        Stopped = row.Stopped,
        StopReason = row.StopReason,
        Used = Duration.FromTicks(row.UsedTicks),
        Budget = Duration.FromTicks(row.BudgetTicks),
        Deadline = row.Deadline,
        BreachedAt = row.BreachedAt,
        Checkpoints = CheckpointDocument.Deserialize(row.Checkpoints),
    };

    /// <summary>A timer row with a due instant: the slot that may need scheduling.</summary>
    public static TimerSlot ToDueSlot(TimerRow row) =>
        new(new TicketKey(row.Source, row.ExternalId), row.DueAt ?? throw new InvalidOperationException("A due timer row has no due instant."), row.JobId, row.JobDueAt);

    /// <summary>
    /// A timer row whose ticket needs no timer any more but still has a job: the slot's due instant is the
    /// instant the job was scheduled for.
    /// </summary>
    public static TimerSlot ToObsoleteSlot(TimerRow row) =>
        new(new TicketKey(row.Source, row.ExternalId), row.JobDueAt ?? row.DueAt ?? Instant.MinValue, row.JobId, row.JobDueAt);

    public static SyncState ToSyncState(SyncStateRow row) => new(row.Source, row.Cursor, row.LastSuccess, row.LastAttempt, row.LastError);

    public static Notification ToNotification(NotificationRow row) => new()
    {
        Key = row.Key,
        Ticket = new TicketKey(row.Source, row.ExternalId),
        ClockKey = row.ClockKey,
        CheckpointKey = row.CheckpointKey,
        Recipient = row.Recipient,
        Channel = row.Channel,
        DueAt = row.DueAt,
        RecordedAt = row.RecordedAt,
        State = DeliveryStates.Parse(row.State),
        Attempts = row.Attempts,
        LastAttemptAt = row.LastAttemptAt,
        NextAttemptAt = row.NextAttemptAt,
        DeliveredAt = row.DeliveredAt,
        LastError = row.LastError,
    };
}

/// <summary>The ledger's <c>state</c> column: <c>pending</c>, <c>sending</c>, <c>delivered</c>, <c>failed</c>.</summary>
internal static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public static DeliveryState Parse(string text) => text switch
    {
        Pending => DeliveryState.Pending,
        Sending => DeliveryState.Sending,
        Delivered => DeliveryState.Delivered,
        Failed => DeliveryState.Failed,
        _ => throw new FormatException($"The ledger holds an unknown delivery state '{text}'."),
    };

    public static string ToColumn(DeliveryState state) => state switch
    {
        DeliveryState.Pending => Pending,
        DeliveryState.Sending => Sending,
        DeliveryState.Delivered => Delivered,
        _ => Failed,
    };
}
