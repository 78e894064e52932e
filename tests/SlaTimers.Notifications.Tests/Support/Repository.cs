using System.Reflection;

namespace SlaTimers.Notifications.Tests.Support;

internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string ConfigDirectory => Path.Combine(Root, "config");

    /// <summary>A throw-away config folder holding a copy of the shipped templates, for tests that break them.</summary>
    public static string CopyOfShippedTemplates()
    {
        var config = Path.Combine(Path.GetTempPath(), "slatimers-templates-" + Guid.NewGuid().ToString("N"));
        var target = Path.Combine(config, "templates");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(ConfigDirectory, "templates"), "*.liquid"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return config;
    }
}
