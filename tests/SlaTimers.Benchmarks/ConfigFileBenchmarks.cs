using BenchmarkDotNet.Attributes;
using NodaTime;
using SlaTimers.Configuration;

namespace SlaTimers.Benchmarks;

/// <summary>
/// The cost of building the Dutch calendar from its file: read and validate it, create the engine, and
/// answer a first query (which compiles one year); and of reading the whole config folder. Runs once the
/// loader reads the file.
/// </summary>
[MemoryDiagnoser]
public class ConfigFileBenchmarks
{
    private string _singleCalendarFolder = null!;
    private Instant _start;

    [Params(CalendarSource.File)]
    public string Calendar { get; set; } = CalendarSource.File;

    [GlobalSetup]
    public void Setup()
    {
        _start = new LocalDateTime(2026, 3, 10, 9, 0).InZoneLeniently(DutchCalendar.Zone).ToInstant();
        // A folder with only this calendar (and the ICS files it may name), so the figure is one file's.
        _singleCalendarFolder = Directory.CreateTempSubdirectory("slatimers-bench-").FullName;
        var calendars = Directory.CreateDirectory(Path.Combine(_singleCalendarFolder, "calendars")).FullName;
        File.Copy(ConfigFile.CalendarPath, Path.Combine(calendars, Path.GetFileName(ConfigFile.CalendarPath)));
        foreach (var ics in Directory.EnumerateFiles(Path.GetDirectoryName(ConfigFile.CalendarPath)!, "*.ics"))
        {
            File.Copy(ics, Path.Combine(calendars, Path.GetFileName(ics)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_singleCalendarFolder, recursive: true);

    [Benchmark]
    public Instant BuildCalendarFromFile() =>
        SlaConfigurationLoader.Load(_singleCalendarFolder).GetOrThrow().Calendars.Get(DutchCalendar.Id)
            .Deadline(_start, Duration.FromHours(4));

    /// <summary>Every file in config/ (all calendars, no query): what a start or a reload pays.</summary>
    [Benchmark]
    public SlaConfiguration LoadConfigFolder() => SlaConfigurationLoader.Load(ConfigFile.Directory).GetOrThrow();
}
