namespace SlaTimers.Worker;

/// <summary>
/// Where the config folder and the content root (with <c>appsettings.json</c>) are. Inside a clone of the
/// repository both live at its root (the folder holding <c>SlaTimers.sln</c>), so <c>dotnet run</c> from any
/// folder of the clone reads what admins edit; elsewhere they are the copies beside the executable.
/// </summary>
public static class ConfigDirectory
{
    public const string SolutionFileName = "SlaTimers.sln";
    public const string FolderName = "config";

    /// <summary>The folder at or above <paramref name="startDirectory"/> that holds <c>SlaTimers.sln</c>, or null.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The repository root when running inside a clone, else the executable's folder.</summary>
    public static string ContentRoot(string currentDirectory, string baseDirectory) =>
        FindRepositoryRoot(currentDirectory) ?? baseDirectory;

    /// <summary>
    /// The config folder to read: <paramref name="explicitDirectory"/> when given (it must exist), else
    /// <c>config/</c> of the repository around <paramref name="currentDirectory"/>, else <c>config/</c>
    /// beside the executable (<paramref name="baseDirectory"/>).
    /// </summary>
    public static ConfigDirectoryResolution Resolve(string? explicitDirectory, string currentDirectory, string baseDirectory)
    {
        if (explicitDirectory is not null)
        {
            var full = Path.GetFullPath(explicitDirectory, currentDirectory);
            return Directory.Exists(full)
                ? ConfigDirectoryResolution.Found(full)
                : ConfigDirectoryResolution.Failed(isExplicit: true,
                    $"--config: the folder '{explicitDirectory}' does not exist (looked at {full}); expected a config folder holding calendars/*.json.");
        }

        var candidates = new List<string>(2);
        if (FindRepositoryRoot(currentDirectory) is { } root) candidates.Add(Path.Combine(root, FolderName));
        candidates.Add(Path.Combine(Path.GetFullPath(baseDirectory), FolderName));
        foreach (var candidate in candidates)
        {
            if (Directory.Exists(candidate)) return ConfigDirectoryResolution.Found(candidate);
        }
        return ConfigDirectoryResolution.Failed(isExplicit: false,
            $"No config folder found (looked at {string.Join(" and ", candidates)}); pass --config DIR.");
    }
}

/// <summary>The config folder found, or why none was: <see cref="IsExplicit"/> says whether the user named it.</summary>
public sealed record ConfigDirectoryResolution(string? Path, string? Error, bool IsExplicit)
{
    public static ConfigDirectoryResolution Found(string path) => new(path, null, false);

    public static ConfigDirectoryResolution Failed(bool isExplicit, string error) => new(null, error, isExplicit);
}
