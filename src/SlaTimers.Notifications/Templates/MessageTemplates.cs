namespace SlaTimers.Notifications.Templates;

/// <summary>
/// The template catalog in use: null while the config folder has no <c>templates</c> folder (the built-in wording
/// applies). <see cref="Reload"/> reads the folder again and replaces the catalog only with a valid one, so a
/// half-edited template never reaches a recipient; call it when the config folder changes.
/// </summary>
public sealed class MessageTemplates(string configDirectory, TemplateCatalog? initial)
{
    private volatile TemplateCatalog? _current = initial;

    public string ConfigDirectory { get; } = configDirectory;

    public TemplateCatalog? Current => _current;

    /// <summary>Reads <c>{configDirectory}/templates</c>, failing with every problem listed.</summary>
    /// <exception cref="TemplateCatalogException">The folder exists and has problems.</exception>
    public static MessageTemplates Load(string configDirectory) => new(configDirectory,
        TemplateCatalog.ExistsIn(configDirectory) ? TemplateCatalog.Load(Path.Combine(configDirectory, TemplateCatalog.FolderName)) : null);

    /// <summary>Reads the folder again. Problems keep the current catalog and are returned; a removed folder means built-in wording.</summary>
    public IReadOnlyList<TemplateProblem> Reload()
    {
        if (!TemplateCatalog.ExistsIn(ConfigDirectory))
        {
            _current = null;
            return [];
        }
        var (catalog, problems) = TemplateCatalog.Read(Path.Combine(ConfigDirectory, TemplateCatalog.FolderName));
        if (catalog is not null) _current = catalog;
        return problems;
    }
}
