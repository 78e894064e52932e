namespace SlaTimers.Notifications.Tests.Support;

/// <summary>Copies of the shipped templates for a test class to edit, deleted with it.</summary>
public sealed class TemplateFolders : IDisposable
{
    private readonly List<string> _folders = [];

    /// <summary>A fresh copy of <c>config/</c>'s templates.</summary>
    public string Copy()
    {
        var folder = Repository.CopyOfShippedTemplates();
        _folders.Add(folder);
        return folder;
    }

    /// <summary>An empty folder, deleted with the others.</summary>
    public string Empty()
    {
        var folder = Path.Combine(Path.GetTempPath(), "slatimers-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
    }
}
