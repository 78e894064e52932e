using System.Globalization;
using System.Net;
using System.Text;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// The HTML of the SLA pages, built so that text is always encoded: <see cref="Text"/> and attribute values go
/// through the encoder; only the literal markup the pages themselves write is raw. Ticket links become anchors
/// only when they are absolute http or https URLs.
/// </summary>
public sealed class SafeHtml
{
    private readonly StringBuilder _html = new();

    /// <summary>Markup written by the page itself (tags, classes): never data.</summary>
    public SafeHtml Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public SafeHtml Text(string? text)
    {
        _html.Append(Encode(text));
        return this;
    }

    /// <summary><c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c> with the text encoded.</summary>
    public SafeHtml Element(string tag, string? text, string? cssClass = null, string? title = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) Attribute("class", cssClass);
        if (title is not null) Attribute("title", title);
        _html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    public SafeHtml Cell(string? text, string? cssClass = null, string? title = null) => Element("td", text, cssClass, title);

    /// <summary>A link to a page of this dashboard (a path it made itself).</summary>
    public SafeHtml Link(string href, string text, string? cssClass = null)
    {
        _html.Append("<a");
        Attribute("href", href);
        if (cssClass is not null) Attribute("class", cssClass);
        _html.Append('>').Append(Encode(text)).Append("</a>");
        return this;
    }

    /// <summary>A link to a ticket in its helpdesk, or the text alone when the link is not an http(s) URL.</summary>
    public SafeHtml ExternalLink(string? href, string text)
    {
        if (SafeHttpUrl(href) is not { } url) return Text(text);
        _html.Append("<a");
        Attribute("href", url);
        _html.Append(" target=\"_blank\" rel=\"noopener noreferrer\">").Append(Encode(text)).Append("</a>");
        return this;
    }

    public override string ToString() => _html.ToString();

    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : WebUtility.HtmlEncode(text);

    /// <summary>The URL when it is absolute http or https (no <c>javascript:</c>, <c>data:</c>, relative or protocol-relative links).</summary>
    public static string? SafeHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private void Attribute(string name, string value) => _html.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');
}
