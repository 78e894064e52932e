using System.Reflection;

namespace SlaTimers.Worker.Tests.Support;

/// <summary>The repository's folders, and scratch folders for tests.</summary>
public static class TestPaths
{
    /// <summary>The clone this test assembly was built from (recorded at build time; the output may be elsewhere).</summary>
    public static string RepositoryRoot { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The real, example configuration that admins edit.</summary>
    public static string RealConfig { get; } = Path.Combine(RepositoryRoot, "config");

    /// <summary>An empty folder outside any repository: no default config is found from here.</summary>
    public static string Neutral { get; } = Directory.CreateTempSubdirectory("slatimers-neutral-").FullName;
}

/// <summary>A temporary folder, deleted when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("slatimers-tests-").FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> to a file below the folder, creating folders on the way.</summary>
    public string Write(string relativePath, string text)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>A calendar whose time zone does not exist: the loader reports <c>calendars/broken.json: $.timeZone: …</c>.</summary>
    public const string BrokenCalendarJson =
        """{ "id": "broken", "name": "Broken", "timeZone": "Mars/Olympus_Mons", "week": { "monday": ["09:00-17:00"] } }""";

    /// <summary>A config folder with one calendar file whose time zone is unknown.</summary>
    public static TempFolder WithBrokenCalendar()
    {
        var folder = new TempFolder();
        folder.Write("calendars/broken.json", BrokenCalendarJson);
        return folder;
    }

    /// <summary>A copy of the repository's real config folder (in <paramref name="subfolder"/> when given).</summary>
    public static TempFolder WithRealConfig(string subfolder = "")
    {
        var folder = new TempFolder();
        folder.CopyRealConfigTo(subfolder);
        return folder;
    }

    public void CopyRealConfigTo(string subfolder)
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.RealConfig, "*", SearchOption.AllDirectories))
        {
            var target = Combine(subfolder, System.IO.Path.GetRelativePath(TestPaths.RealConfig, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file; the OS cleans temp folders eventually.
        }
    }
}
