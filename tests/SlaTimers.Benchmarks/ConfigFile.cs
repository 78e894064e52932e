using System.Reflection;
using SlaTimers.Configuration;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Benchmarks;

/// <summary>The repository's <c>config/</c> folder and its <c>nl-servicedesk</c> calendar, when the loader can read it.</summary>
internal static class ConfigFile
{
    /// <summary>The config folder: <c>SLATIMERS_CONFIG_DIR</c>, else the repository's (recorded at build time).</summary>
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("SLATIMERS_CONFIG_DIR") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "config"));

    public static string CalendarPath => Path.Combine(Directory, "calendars", DutchCalendar.Id + ".json");

    /// <summary>Loads the folder and returns the Dutch calendar (fresh: no year compiled yet).</summary>
    public static BusinessCalendar Load() =>
        SlaConfigurationLoader.Load(Directory).GetOrThrow().Calendars.Get(DutchCalendar.Id);

    /// <summary>True when the file exists and loads; otherwise <paramref name="why"/> says what stops it.</summary>
    public static bool TryLoad(out string why)
    {
        if (!File.Exists(CalendarPath))
        {
            why = $"{CalendarPath} does not exist yet";
            return false;
        }
        try
        {
            Load();
            why = "";
            return true;
        }
        catch (Exception e) when (e is NotImplementedException or ConfigurationInvalidException or KeyNotFoundException)
        {
            why = $"{CalendarPath} does not load yet: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    private static string RepositoryRoot() =>
        typeof(ConfigFile).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
}
