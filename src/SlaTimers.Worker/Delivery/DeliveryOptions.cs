using System.ComponentModel.DataAnnotations;

namespace SlaTimers.Worker.Delivery;

/// <summary>The <c>Delivery</c> section: how notifications are claimed, and the recovery sweep.</summary>
public sealed class DeliveryOptions
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
    /// The channel that carries mail: <c>smtp</c>, <c>graph-mail</c> or <c>pickup</c>. Null: <c>smtp</c> when
    /// configured, else <c>graph-mail</c>, else <c>pickup</c>.
    /// </summary>
    public string? MailChannel { get; set; }

    /// <summary>The language of a recipient that has none (a bare e-mail address): <c>en</c> or <c>nl</c>.</summary>
    [Required]
    [RegularExpression("^(en|nl)(-[A-Za-z]+)?$", ErrorMessage = "Delivery:DefaultLanguage must be 'en' or 'nl'.")]
    public string DefaultLanguage { get; set; } = "en";
}
