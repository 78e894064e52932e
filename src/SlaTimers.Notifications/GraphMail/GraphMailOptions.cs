using System.ComponentModel.DataAnnotations;
using MimeKit;
using SlaTimers.Notifications.Graph;

namespace SlaTimers.Notifications.GraphMail;

/// <summary>What the <c>graph-mail</c> channel posts to <c>users/{Mailbox}/sendMail</c>.</summary>
public enum GraphMailFormat
{
    /// <summary>
    /// A Graph message (JSON): subject, HTML body, <c>internetMessageId</c> from our message id, and the notification
    /// key and thread id as <c>x-</c> headers. Graph accepts only <c>x-</c> custom headers, so In-Reply-To/References
    /// (and the text part) cannot be set: mail clients thread by subject only.
    /// </summary>
    Json,

    /// <summary>
    /// The same MIME message the smtp channel sends (base64, <c>Content-Type: text/plain</c>): Message-Id,
    /// In-Reply-To/References and both parts as built here, so notices thread like SMTP ones.
    /// </summary>
    Mime,
}

/// <summary>The <c>graph-mail</c> channel (<c>Channels:graph-mail</c>): application permission Mail.Send, scoped to the mailbox with Exchange RBAC for Applications.</summary>
public sealed class GraphMailOptions : GraphAppOptions
{
    public const string SectionName = "Channels:graph-mail";

    /// <summary>The sending mailbox (UPN or user id), e.g. <c>sla@example.nl</c>.</summary>
    [Required]
    public string Mailbox { get; set; } = "";

    /// <summary>The sender's display name in the MIME format (Graph uses the mailbox's own name in the JSON format).</summary>
    public string? DisplayName { get; set; } = "SlaTimers";

    public GraphMailFormat Format { get; set; } = GraphMailFormat.Json;

    public bool SaveToSentItems { get; set; }

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in base.Validate(validationContext)) yield return problem;
        if (Format == GraphMailFormat.Mime && !MailboxAddress.TryParse(Mailbox, out _))
        {
            yield return new ValidationResult($"Mailbox '{Mailbox}' must be an e-mail address for Format Mime.", [nameof(Mailbox)]);
        }
    }
}
