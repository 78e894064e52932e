using System.Data.Common;
using Dapper;
using NodaTime;
using SlaTimers.Core.Notifications;
using SlaTimers.Storage.Records;

namespace SlaTimers.Storage.Sql;

/// <summary>
/// The notification ledger on either engine; only the bulk insert-if-absent differs. A claim is one
/// conditional UPDATE … RETURNING, so of several claimers (threads or instances) the database lets exactly
/// one through: on PostgreSQL the others wait on the row lock and then see it claimed; SQLite has one
/// writer at a time.
/// </summary>
internal abstract class SqlNotificationLedger : INotificationLedger
{
    protected const string Columns =
        "key, source, external_id, clock_key, checkpoint_key, recipient, channel, due_at, recorded_at, state, attempts, last_attempt_at, next_attempt_at, delivered_at, last_error";

    private readonly string _claim;
    private readonly string _delivered;
    private readonly string _failed;
    private readonly string _exists;
    private readonly string _get;
    private readonly string _pendingFor;

    protected SqlNotificationLedger(IStorageDatabase db)
    {
        Db = db;
        var p = db.Prefix;
        // A claim is free when pending, or when its sender's lease ran out (a crash, a hung send).
        const string claimable = "(state = 'pending' OR (state = 'sending' AND (claimed_until IS NULL OR claimed_until < @now)))";
        _claim = $"""
            UPDATE {p}notifications SET state = 'sending', claimed_until = @until, attempts = attempts + 1, last_attempt_at = @now,
                next_attempt_at = NULL
            WHERE key = @key AND {claimable}
            RETURNING {Columns}
            """;
        _delivered = $"""
            UPDATE {p}notifications SET state = 'delivered', delivered_at = @at, claimed_until = NULL, last_error = NULL
            WHERE key = @key AND state <> 'delivered'
            """;
        // A failed attempt's instant is its failure; a notification failed without a claim (no address) made none.
        _failed = $"""
            UPDATE {p}notifications SET state = @state, failed_at = @at, last_error = @error, claimed_until = NULL,
                last_attempt_at = CASE WHEN state = 'sending' THEN @at ELSE last_attempt_at END, next_attempt_at = @retryAt
            WHERE key = @key AND state <> 'delivered'
            """;
        _exists = $"SELECT COUNT(*) FROM {p}notifications WHERE key = @key";
        _get = $"SELECT {Columns} FROM {p}notifications WHERE key = @key";
        // Served by the partial index on undelivered rows (due_at), which are few.
        _pendingFor = $"""
            SELECT {Columns} FROM {p}notifications
            WHERE state = 'pending' AND due_at <= @dueBy AND recipient = @recipient
            ORDER BY due_at, key LIMIT @limit
            """;
    }

    /// <summary>
    /// Marks up to <c>@limit</c> rows matching <paramref name="condition"/> (earliest due first) re-queued at <c>@now</c>
    /// and returns them. The outer WHERE repeats the condition: a row claimed, or taken by another sweep, between the
    /// inner SELECT and the UPDATE (which then waited on its lock) is re-checked there and left alone, so of concurrent
    /// sweeps only one takes each row.
    /// </summary>
    private static string TakeStatement(string prefix, string condition) => $"""
        UPDATE {prefix}notifications SET requeued_at = @now
        WHERE key IN (SELECT key FROM {prefix}notifications WHERE {condition} ORDER BY due_at, key LIMIT @limit) AND {condition}
        RETURNING {Columns}
        """;

    protected IStorageDatabase Db { get; }

    /// <summary>
    /// The statement of <see cref="TakeLostAsync"/>: pending and never tried past its grace (a digest's kind past its
    /// window too); pending after a failed attempt, its retry due before the grace (without a recorded retry instant —
    /// a row failed before schema version 4 — its last attempt and due instant before the longest retry delay and the
    /// grace); or sending with its claim run out. In each case not re-queued within the interval, unless an attempt
    /// came since the last re-queue (that job ran; a never-tried row has none). The first condition keeps the partial
    /// index on undelivered rows usable.
    /// </summary>
    private string LostStatement(DigestHold? digest)
    {
        var digestible = DigestSql.Condition(digest);
        var due = digestible is null ? "due_at < @dueBefore" : $"(due_at < @digestDueBefore OR (due_at < @dueBefore AND NOT {digestible}))";
        var lost = $"""
            state IN ('pending', 'sending') AND (requeued_at IS NULL OR requeued_at < @requeuedBefore OR requeued_at < last_attempt_at) AND (
                (state = 'pending' AND attempts = 0 AND {due})
                OR (state = 'pending' AND attempts > 0 AND (next_attempt_at < @retryDueBefore
                    OR (next_attempt_at IS NULL AND due_at < @unscheduledBefore AND (last_attempt_at IS NULL OR last_attempt_at < @unscheduledBefore))))
                OR (state = 'sending' AND (claimed_until IS NULL OR claimed_until < @now)))
            """;
        return TakeStatement(Db.Prefix, lost);
    }

    /// <inheritdoc />
    /// <remarks>A new notification starts <see cref="DeliveryState.Pending"/> with no attempts, whatever the record says.</remarks>
    public abstract Task<IReadOnlyList<string>> AddIfAbsentAsync(IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken);

    public async Task<Notification?> TryClaimAsync(string key, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        if (lease <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(lease), lease, "A claim needs a positive lease.");
        await using var connection = await Db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<NotificationRow>(
            new CommandDefinition(_claim, new { key, now, until = now + lease }, cancellationToken: cancellationToken));
        return row is null ? null : RecordMapping.ToNotification(row);
    }

    /// <remarks>A delivered notification stays delivered (the first delivery instant is kept).</remarks>
    /// <exception cref="KeyNotFoundException">The ledger has no such notification.</exception>
    public async Task MarkDeliveredAsync(string key, Instant at, CancellationToken cancellationToken)
    {
        await using var connection = await Db.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(_delivered, new { key, at }, cancellationToken: cancellationToken));
        if (changed == 0) await EnsureExistsAsync(connection, key, cancellationToken);
    }

    /// <remarks>A failure reported for a notification that was delivered meanwhile changes nothing.</remarks>
    /// <exception cref="KeyNotFoundException">The ledger has no such notification.</exception>
    public async Task MarkFailedAsync(string key, Instant at, string error, Instant? retryAt, CancellationToken cancellationToken)
    {
        var state = retryAt is null ? DeliveryStates.Failed : DeliveryStates.Pending;
        await using var connection = await Db.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(_failed, new { key, at, error, state, retryAt }, cancellationToken: cancellationToken));
        if (changed == 0) await EnsureExistsAsync(connection, key, cancellationToken);
    }

    public async Task<Notification?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await Db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<NotificationRow>(new CommandDefinition(_get, new { key }, cancellationToken: cancellationToken));
        return row is null ? null : RecordMapping.ToNotification(row);
    }

    public async Task<IReadOnlyList<Notification>> TakeLostAsync(Instant now, LostNotificationRules rules, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        rules.Validate();
        var parameters = new DynamicParameters(new
        {
            now, limit,
            dueBefore = now - rules.RecoverAfter,
            requeuedBefore = now - rules.RequeueInterval,
            retryDueBefore = now - rules.RetryGrace,
            unscheduledBefore = now - rules.RetryGrace - rules.LongestRetryDelay,
        });
        if (rules.Digest is { } digest)
        {
            parameters.Add("digestDueBefore", now - rules.RecoverAfter - digest.Window);
            DigestSql.AddParameters(parameters, digest);
        }
        await using var connection = await Db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow>(
            new CommandDefinition(LostStatement(rules.Digest), parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(RecordMapping.ToNotification).OrderBy(n => n.DueAt).ThenBy(n => n.Key, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Notification>> GetPendingForRecipientAsync(string recipient, Instant dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await Db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow>(
            new CommandDefinition(_pendingFor, new { recipient, dueBy, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(RecordMapping.ToNotification)];
    }

    /// <summary>The keys of <paramref name="notifications"/> that were inserted, in the order given, each once.</summary>
    protected static IReadOnlyList<string> InOrder(IEnumerable<Notification> notifications, IReadOnlySet<string> inserted)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. notifications.Select(n => n.Key).Where(k => inserted.Contains(k) && seen.Add(k))];
    }

    private async Task EnsureExistsAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_exists, new { key }, cancellationToken: cancellationToken));
        if (count == 0) throw new KeyNotFoundException($"The notification ledger has no notification '{key}'.");
    }
}
