namespace SlaTimers.Worker.Hosting;

/// <summary>
/// <c>runtime.env</c>, shipped beside the executable: settings of the .NET runtime itself (<c>DOTNET_…</c>) that it
/// reads from the environment before the program starts — too early for <c>appsettings.json</c>, and some (the GC's
/// gen0 budget) exist only as environment variables. One file serves everyone who starts the worker: the systemd
/// unit loads it (<c>EnvironmentFile=</c>), the load driver applies it, and at start the worker logs the ones its
/// environment lacks (<see cref="RuntimeSettingsReport"/>). The format is systemd's: <c>NAME=value</c> lines, blank
/// lines and <c>#</c> comments, a value in matching quotes taken without them.
/// </summary>
public static class RuntimeSettingsFile
{
    public const string FileName = "runtime.env";

    /// <summary>The file shipped beside the running executable (it may be absent, e.g. in a test's output).</summary>
    public static string BesideApp => Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>The settings in <paramref name="path"/>, in file order; none when there is no such file.</summary>
    /// <exception cref="FormatException">A line is not <c>NAME=value</c>; the message names the file and line.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ReadIfPresent(string path) => File.Exists(path) ? Read(path) : [];

    /// <summary>The settings in <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FormatException">A line is not <c>NAME=value</c>; the message names the file and line.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        var settings = new List<KeyValuePair<string, string>>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var at = line.IndexOf('=', StringComparison.Ordinal);
            var name = at > 0 ? line[..at].Trim() : "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new FormatException($"{path}, line {number}: expected NAME=value (letters, digits and _ before the =), found '{line}'");
            }
            settings.Add(new(name, Unquoted(line[(at + 1)..].Trim())));
        }
        return settings;
    }

    /// <summary>As systemd reads it: <c>"0xC000000"</c> and <c>'0xC000000'</c> are <c>0xC000000</c>.</summary>
    private static string Unquoted(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
}
