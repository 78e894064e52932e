namespace SlaTimers.Notifications.Templates;

/// <summary>
/// Something wrong with a template, printed like the configuration's problems: <c>file: path: message</c>. The file
/// is relative to the config folder (<c>templates/warning.nl.html.liquid</c>); the path is <c>$</c> for the whole file
/// or where Fluid found the error.
/// </summary>
public sealed record TemplateProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

/// <summary>The templates folder has problems; the message lists them one a line.</summary>
public sealed class TemplateCatalogException(IReadOnlyList<TemplateProblem> problems)
    : Exception("The notification templates have problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;
}
