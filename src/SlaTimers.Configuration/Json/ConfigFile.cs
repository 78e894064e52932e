namespace SlaTimers.Configuration.Json;

/// <summary>
/// One file being read. Problems name it relative to the config folder (<c>calendars/nl.json</c>), the
/// form an admin recognises; files it refers to (an ICS file) are resolved against its own folder.
/// </summary>
internal sealed class ConfigFile(string configDirectory, string fullPath, ConfigProblemList problems)
{
    public string FullPath { get; } = fullPath;

    public string RelativePath { get; } = Path.GetRelativePath(configDirectory, fullPath).Replace('\\', '/');

    public string Directory => Path.GetDirectoryName(FullPath)!;

    /// <summary>How many problems the whole load has so far; readers compare it to see whether a part was clean.</summary>
    public int ProblemCount => problems.Count;

    public void Report(string jsonPath, string message) => problems.Add(RelativePath, jsonPath, message);
}
