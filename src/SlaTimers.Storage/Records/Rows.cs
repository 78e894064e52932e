using NodaTime;

namespace SlaTimers.Storage.Records;

// The rows Dapper reads (columns map by snake_case name, see DapperMapping). Instants come from either
// engine's column form; JSON columns arrive as text.

internal sealed class TicketRow
{
    public string Source { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Link { get; set; }
    public Instant Created { get; set; }
    public Instant FirstSeen { get; set; }
    public Instant EvaluatedAt { get; set; }
    public Instant? NextCheckpointAt { get; set; }
    public string Ticket { get; set; } = "";
    public string Timeline { get; set; } = "";
    public long Version { get; set; }
}

internal sealed class ClockRow
{
    public string Source { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public int Ordinal { get; set; }
    public string AgreementId { get; set; } = "";
    public string AgreementKind { get; set; } = "";
    public string Metric { get; set; } = "";
    public int Cycle { get; set; }
    public string State { get; set; } = "";
    public bool IsPaused { get; set; }
    public string? PolicyId { get; set; }
    public string? Priority { get; set; }
    public string? CalendarId { get; set; }
    public Instant Started { get; set; }
    public Instant? Stopped { get; set; }
    public string? StopReason { get; set; }
    public long UsedTicks { get; set; }
    public long BudgetTicks { get; set; }
    public Instant? Deadline { get; set; }
    public Instant? BreachedAt { get; set; }
    public string Checkpoints { get; set; } = "";
}

internal sealed class TimerRow
{
    public string Source { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public Instant? DueAt { get; set; }
    public string? JobId { get; set; }
    public Instant? JobDueAt { get; set; }
}

internal sealed class SyncStateRow
{
    public string Source { get; set; } = "";
    public string? Cursor { get; set; }
    public Instant? LastSuccess { get; set; }
    public Instant? LastAttempt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class NotificationRow
{
    public string Key { get; set; } = "";
    public string Source { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public string ClockKey { get; set; } = "";
    public string CheckpointKey { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Channel { get; set; } = "";
    public Instant DueAt { get; set; }
    public Instant? RecordedAt { get; set; }
    public string State { get; set; } = "";
    public int Attempts { get; set; }
    public Instant? LastAttemptAt { get; set; }
    public Instant? NextAttemptAt { get; set; }
    public Instant? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}
