using System.ComponentModel.DataAnnotations;
using MimeKit;
using SlaTimers.Notifications.Identity;

namespace SlaTimers.Notifications.Smtp;

/// <summary>How the connection is secured. There is no "when available": a required TLS never falls back to plaintext.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection, then STARTTLS; a server that does not offer STARTTLS is refused (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all (a relay on localhost); only when set explicitly.</summary>
    None,
}

/// <summary>
/// The <c>smtp</c> channel (<c>Channels:smtp</c>): MailKit over one reused connection. Authentication is none,
/// <see cref="Username"/>/<see cref="Password"/>, or OAuth2 client credentials for Exchange Online
/// (<see cref="TenantId"/>, <see cref="ClientId"/>, <see cref="ClientSecret"/>; SASL XOAUTH2). Secrets come from
/// configuration or the environment (<c>Channels__smtp__Password</c>) and are never logged.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Channels:smtp";
    public const string ExchangeOnlineScope = "https://outlook.office365.com/.default";

    [Required]
    public string Host { get; set; } = "";

    /// <summary>Default: 587 for StartTls, 465 for SslOnConnect, 25 for None.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The sender, e.g. <c>SlaTimers &lt;sla@example.nl&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "";

    public string? Username { get; set; }
    public string? Password { get; set; }

    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Where tokens come from: <c>{AuthorityHost}/{TenantId}/oauth2/v2.0/token</c>.</summary>
    public string AuthorityHost { get; set; } = ClientCredentials.PublicCloud;

    public string Scope { get; set; } = ExchangeOnlineScope;

    /// <summary>The mailbox the OAuth2 token authenticates as (XOAUTH2 user); default: the From address.</summary>
    public string? OAuthUser { get; set; }

    /// <summary>Accept exactly this server certificate (SHA-1 or SHA-256 thumbprint, hex), e.g. a self-signed on-premises relay.</summary>
    public string? AcceptSelfSignedCertificateThumbprint { get; set; }

    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>Send a password or token over a connection without TLS (Security None). Off: such a configuration does not start.</summary>
    public bool AllowCredentialsWithoutTls { get; set; }

    /// <summary>MailKit's timeout for one network operation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection idle longer than this is checked with NOOP before it is used again (servers drop idle clients).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IdleCheckAfter { get; set; } = TimeSpan.FromSeconds(30);

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.None => 25,
        _ => 587,
    };

    public SmtpAuthentication Authentication =>
        !string.IsNullOrEmpty(ClientId) || !string.IsNullOrEmpty(TenantId) || !string.IsNullOrEmpty(ClientSecret) ? SmtpAuthentication.OAuth2
        : !string.IsNullOrEmpty(Username) ? SmtpAuthentication.Password
        : SmtpAuthentication.None;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"From '{From}' is not an address such as 'SlaTimers <sla@example.nl>'.", [nameof(From)]);
        }
        if (Authentication == SmtpAuthentication.OAuth2)
        {
            if (string.IsNullOrEmpty(TenantId) || string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(ClientSecret))
            {
                yield return new ValidationResult("OAuth2 needs TenantId, ClientId and ClientSecret together.", [nameof(TenantId), nameof(ClientId), nameof(ClientSecret)]);
            }
            if (!string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password))
            {
                yield return new ValidationResult("Choose one way to authenticate: Username/Password or OAuth2 (TenantId/ClientId/ClientSecret), not both.", [nameof(Username)]);
            }
            foreach (var problem in AuthorityProblems(AuthorityHost, nameof(AuthorityHost))) yield return problem;
        }
        if (Authentication == SmtpAuthentication.Password && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username is set but Password is not (set it through the environment: Channels__smtp__Password).", [nameof(Password)]);
        }
        if (Authentication == SmtpAuthentication.None && !string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Password is set but Username is not.", [nameof(Username)]);
        }
        if (Authentication != SmtpAuthentication.None && Security == SmtpSecurity.None && !AllowCredentialsWithoutTls)
        {
            yield return new ValidationResult("Credentials would travel unencrypted with Security None: use StartTls or SslOnConnect (or set AllowCredentialsWithoutTls for a relay on this machine).", [nameof(Security)]);
        }
        if (AcceptSelfSignedCertificateThumbprint is { Length: > 0 } thumbprint && NormalizedThumbprint(thumbprint) is not { Length: 40 or 64 })
        {
            yield return new ValidationResult("AcceptSelfSignedCertificateThumbprint must be a SHA-1 (40 hex digits) or SHA-256 (64 hex digits) thumbprint.", [nameof(AcceptSelfSignedCertificateThumbprint)]);
        }
    }

    internal static string NormalizedThumbprint(string thumbprint) =>
        new string(thumbprint.Where(c => !char.IsWhiteSpace(c) && c != ':').ToArray()).ToUpperInvariant() is var hex && hex.All(char.IsAsciiHexDigit) ? hex : "";

    /// <summary>An authority must be https (http only on this machine, for a stub).</summary>
    internal static IEnumerable<ValidationResult> AuthorityProblems(string value, string member)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            yield return new ValidationResult($"{member} '{value}' must be an https URL (http only on this machine).", [member]);
        }
    }
}

public enum SmtpAuthentication
{
    None,
    Password,
    OAuth2,
}
