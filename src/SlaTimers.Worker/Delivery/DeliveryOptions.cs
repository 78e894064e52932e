using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Delivery;

/// <summary>
/// The <c>Delivery</c> section: how notifications are claimed, the recovery sweep, quiet hours and digests.
/// </summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// How long a claim holds while a message is sent; after it, a crashed sender's notification may be claimed
    /// again (by the recovery sweep or a Hangfire retry). Longer than any send takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A notification still pending this long after its checkpoint, never tried, is taken to have lost its delivery
    /// job (a crash between the ledger and the queue) and is queued again by the maintenance job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RecoverAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After the maintenance job queued a notification again (never tried past <see cref="RecoverAfter"/>, or its claim
    /// ran out), it leaves it alone this long while that job waits in the queue — a slow queue (a mail server that times
    /// out, hundreds waiting) gets one more job per notification per interval, not one a minute. Also how soon one whose
    /// re-queued job was itself lost is queued once more.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RequeueInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A notification whose delivery failed for now waits for its job's retry, due at the instant the ledger recorded
    /// (back-off up to 30 min, or a channel's Retry-After of up to an hour; a quiet-hours opening for one that ran
    /// early). One that has seen no attempt this long after that instant lost its retry job — deleted on the
    /// dashboard, expired — and is queued again by the maintenance job. One that failed before the ledger recorded the
    /// instant (an upgrade from before schema version 4) counts from its last attempt plus
    /// <see cref="DeliveryJob.LongestRetryDelay"/> (1 h) instead. Longer than a due job takes to start (the delayed-job
    /// poll, a busy queue); a retry taken too early is still sent once, its ledger row is claimed by one job only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan LostRetryGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a notification may wait past its instant (or past its recording, if later; past its digest window, if
    /// held for one) before the worker counts its deliveries behind: <c>/healthz</c> turns "degraded" with a
    /// <c>deliveries</c> object and <c>/metrics</c> shows the lag. A working channel delivers within seconds; a failing
    /// one retries with back-off (the first retries within minutes), so a short hiccup should not alarm.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The channel that carries mail: <c>smtp</c>, <c>graph-mail</c> or <c>pickup</c>. Null: <c>smtp</c> when
    /// configured, else <c>graph-mail</c>, else <c>pickup</c>.
    /// </summary>
    public string? MailChannel { get; set; }

    /// <summary>The language of a recipient that has none (a bare e-mail address): <c>en</c> or <c>nl</c>.</summary>
    [Required]
    [RegularExpression("^(en|nl)(-[A-Za-z]+)?$", ErrorMessage = "Delivery:DefaultLanguage must be 'en' or 'nl'.")]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// Warnings to one recipient (a person of recipients.json or an e-mail address) that come due within this window
    /// of each other are sent as one digest at the window's end. Zero (the default) sends each at once. Breach and
    /// escalation notices are never held for a digest.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DigestWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Ticket priorities (as the agreement's clock names them, e.g. <c>P1</c>, <c>urgent</c>) whose notifications go
    /// at once, also in a recipient's quiet hours. Not set: <see cref="DefaultQuietHoursBypassPriorities"/>; an empty
    /// list (<c>[""]</c>) lets none through.
    /// </summary>
    public string[]? QuietHoursBypassPriorities { get; set; }

    /// <summary>The bypass priorities when <see cref="QuietHoursBypassPriorities"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultQuietHoursBypassPriorities { get; } = ["urgent"];

    /// <summary>The priorities that bypass quiet hours, as configured (blank entries dropped) or by default.</summary>
    public IReadOnlySet<string> BypassPriorities => new HashSet<string>(
        (QuietHoursBypassPriorities ?? [.. DefaultQuietHoursBypassPriorities]).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()),
        StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DigestWindow > TimeSpan.Zero && DigestWindow < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Delivery:DigestWindow must be 0 (off) or at least 00:00:01.", [nameof(DigestWindow)]);
        }
    }
}
