using SlaTimers.Configuration.Json;
using SlaTimers.Core.Calendars;

namespace SlaTimers.Configuration.Calendars;

/// <summary>What the calendar files gave: the catalog (null when any file had a problem) and the ids to check references against.</summary>
internal sealed record CalendarFolder(BusinessCalendarCatalog? Catalog, CalendarReferences References);

/// <summary>
/// Reads every <c>calendars/*.json</c> of a config folder into a catalog (which always holds the built-in
/// <c>24x7</c>). No folder, or an empty one, is fine: then only <c>24x7</c> exists.
/// </summary>
internal static class CalendarFolderReader
{
    public const string FolderName = "calendars";

    /// <summary>The catalog, or a null catalog when any calendar file had a problem (all of them are reported).</summary>
    public static CalendarFolder Read(string configDirectory, ConfigProblemList problems)
    {
        var references = new CalendarReferences();
        var folder = Path.Combine(configDirectory, FolderName);
        if (!Directory.Exists(folder)) return new CalendarFolder(BusinessCalendarCatalog.BuiltInOnly, references);

        var problemsBefore = problems.Count;
        // Sorted, so problems and "already used by" always name files in the same order.
        var results = Directory
            .EnumerateFiles(folder, "*.json", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal)
            .Select(path => CalendarFileReader.Read(new ConfigFile(configDirectory, path, problems)))
            .ToList();
        ReportDuplicateIds(results);
        foreach (var result in results.Where(r => r.Id is not null)) references.Add(result.Id!, result.Definition);

        if (problems.Count > problemsBefore) return new CalendarFolder(null, references);
        return new CalendarFolder(new BusinessCalendarCatalog(results.Select(r => BusinessCalendar.Create(r.Definition!))), references);
    }

    /// <summary>
    /// Ids that differ only in case count as duplicates too: agreements written by hand would pick the
    /// wrong one without anyone seeing the difference.
    /// </summary>
    private static void ReportDuplicateIds(List<CalendarFileResult> results)
    {
        var firstById = new Dictionary<string, CalendarFileResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in results.Where(r => r.Id is not null))
        {
            if (firstById.TryAdd(result.Id!, result)) continue;
            var first = firstById[result.Id!];
            var sameCase = string.Equals(first.Id, result.Id, StringComparison.Ordinal) ? "" : $" (as '{first.Id}')";
            result.File.Report(JsonPaths.Property(JsonPaths.Root, "id"),
                $"the calendar id '{result.Id}' is already used{sameCase} by {first.File.RelativePath}: " +
                $"every calendar needs its own id; rename one of them in {first.File.RelativePath} or {result.File.RelativePath}");
        }
    }
}
