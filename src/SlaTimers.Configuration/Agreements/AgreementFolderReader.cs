using System.Collections.Immutable;
using SlaTimers.Configuration.Json;
using SlaTimers.Core.Agreements;

namespace SlaTimers.Configuration.Agreements;

/// <summary>
/// Reads every <c>agreements/*.json</c> of a config folder, one agreement per file. No folder, or an empty
/// one, means no agreements: calendars can still be checked and previewed.
/// </summary>
internal static class AgreementFolderReader
{
    public const string FolderName = "agreements";

    /// <summary>The agreements sorted by file name, or null when any file had a problem (all of them are reported).</summary>
    public static ImmutableArray<Agreement>? Read(string configDirectory, AgreementReferences references, ConfigProblemList problems)
    {
        var folder = Path.Combine(configDirectory, FolderName);
        if (!Directory.Exists(folder)) return [];

        var problemsBefore = problems.Count;
        // Sorted, so problems and "already used by" always name files in the same order.
        var results = Directory
            .EnumerateFiles(folder, "*.json", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal)
            .Select(path => AgreementFileReader.Read(new ConfigFile(configDirectory, path, problems), references))
            .ToList();
        ReportDuplicateIds(results);

        return problems.Count > problemsBefore ? null : [.. results.Select(r => r.Agreement!)];
    }

    /// <summary>Reports, compliance figures and notification keys name agreements by id; two with one id would mix.</summary>
    private static void ReportDuplicateIds(List<AgreementFileResult> results)
    {
        var firstById = new Dictionary<string, AgreementFileResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in results.Where(r => r.Id is not null))
        {
            if (firstById.TryAdd(result.Id!, result)) continue;
            var first = firstById[result.Id!];
            var sameCase = string.Equals(first.Id, result.Id, StringComparison.Ordinal) ? "" : $" (as '{first.Id}')";
            result.File.Report(JsonPaths.Property(JsonPaths.Root, "id"),
                $"the agreement id '{result.Id}' is already used{sameCase} by {first.File.RelativePath}: " +
                $"every agreement needs its own id; rename one of them in {first.File.RelativePath} or {result.File.RelativePath}");
        }
    }
}
