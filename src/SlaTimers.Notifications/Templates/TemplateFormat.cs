namespace SlaTimers.Notifications.Templates;

/// <summary>The parts a template file renders; the file name says which: <c>warning.nl.html.liquid</c>, <c>card.en.json.liquid</c>.</summary>
public enum TemplateFormat
{
    /// <summary>The mail subject: plain text, made one line (no CR/LF reaches the header).</summary>
    Subject,

    /// <summary>The plain-text body: values as they are.</summary>
    Text,

    /// <summary>The HTML body: values HTML-encoded.</summary>
    Html,

    /// <summary>The Adaptive Card for Teams (JSON): values JSON-escaped and neutralised for Markdown and card templating.</summary>
    Card,
}

public static class TemplateFormats
{
    public const string Extension = ".liquid";

    /// <summary>The template file name: <c>{kind}.{language}.{part}.liquid</c>, the card <c>card.{language}.json.liquid</c>.</summary>
    public static string FileName(CheckpointKind? kind, string language, TemplateFormat format) => format == TemplateFormat.Card
        ? $"card.{language}.json{Extension}"
        : $"{kind!.Value.ToName()}.{language}.{format.ToString().ToLowerInvariant()}{Extension}";

    /// <summary>The digest template file name: <c>digest.{language}.{subject|text|html}.liquid</c>, its card <c>digest.{language}.json.liquid</c>.</summary>
    public static string DigestFileName(string language, TemplateFormat format) =>
        $"{DigestName}.{language}.{(format == TemplateFormat.Card ? "json" : format.ToString().ToLowerInvariant())}{Extension}";

    /// <summary>The name digest templates start with.</summary>
    public const string DigestName = "digest";
}
