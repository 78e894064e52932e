using System.ComponentModel.DataAnnotations;
using SlaTimers.Notifications.Identity;
using SlaTimers.Notifications.Smtp;

namespace SlaTimers.Notifications.Graph;

/// <summary>
/// An app-only Microsoft Graph connection (client credentials): the Entra app, where tokens come from and where
/// Graph is. <see cref="BaseUrl"/> and <see cref="AuthorityHost"/> point at stubs in tests, or at a national cloud.
/// The secret comes from configuration or the environment and is never logged.
/// </summary>
public abstract class GraphAppOptions : IValidatableObject
{
    public const string PublicGraph = "https://graph.microsoft.com/v1.0";
    public const string GraphScope = "https://graph.microsoft.com/.default";

    [Required]
    public string TenantId { get; set; } = "";

    [Required]
    public string ClientId { get; set; } = "";

    [Required]
    public string ClientSecret { get; set; } = "";

    public string AuthorityHost { get; set; } = ClientCredentials.PublicCloud;

    public string BaseUrl { get; set; } = PublicGraph;

    public string Scope { get; set; } = GraphScope;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public ClientCredentials Credentials => new(new Uri(AuthorityHost), TenantId, ClientId, ClientSecret, Scope);

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in SmtpOptions.AuthorityProblems(AuthorityHost, nameof(AuthorityHost))) yield return problem;
        foreach (var problem in SmtpOptions.AuthorityProblems(BaseUrl, nameof(BaseUrl))) yield return problem;
    }
}
