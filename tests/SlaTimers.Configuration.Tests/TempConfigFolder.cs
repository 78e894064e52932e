namespace SlaTimers.Configuration.Tests;

/// <summary>A config folder of its own for one test, deleted afterwards.</summary>
internal sealed class TempConfigFolder : IDisposable
{
    public TempConfigFolder() => Root = Directory.CreateTempSubdirectory("slatimers-config-").FullName;

    public string Root { get; }

    /// <summary>Writes <c>calendars/<paramref name="fileName"/></c>.</summary>
    public TempConfigFolder Calendar(string fileName, string json) => File($"calendars/{fileName}", json);

    /// <summary>Writes <c>agreements/<paramref name="fileName"/></c>.</summary>
    public TempConfigFolder Agreement(string fileName, string json) => File($"agreements/{fileName}", json);

    /// <summary>Writes <c>recipients.json</c>.</summary>
    public TempConfigFolder Recipients(string json) => File("recipients.json", json);

    public TempConfigFolder File(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return this;
    }

    public string FullPath(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    public ConfigLoadResult Load() => SlaConfigurationLoader.Load(Root);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
