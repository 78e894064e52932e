using System.Security.Cryptography;
using System.Text;

namespace SlaTimers.Worker.Configuration;

/// <summary>
/// What a config folder holds, in one SHA-256: every file in it (calendars, agreements, recipients, templates), by
/// relative path and content; hidden files and editor backups (<c>.name</c>, <c>name~</c>) left out. The stored
/// clocks were evaluated with one configuration: a worker that starts with another re-evaluates them
/// (<see cref="ConfigurationChangeCheck"/>) — an admin who edits the folder while the worker is stopped, or deploys a
/// new one with a restart, gets the same as a reload while it runs.
/// </summary>
public static class ConfigurationFingerprint
{
    public static string Of(string directory)
    {
        var root = Path.GetFullPath(directory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(part => part.StartsWith('.') || part.EndsWith('~')))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var content = File.ReadAllBytes(Path.Combine(root, file));
            hash.AppendData(Encoding.UTF8.GetBytes($"{file}\n{content.Length}\n"));
            hash.AppendData(content);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
